"""Free-text answers in the voice of each audience, for demo data only (all invented)."""

TEXTS: dict[str, dict[str, dict[str, list[str]]]] = {
    "working-with-us": {
        "best_thing": {
            "positive": [
                "my worker actually listened to me and didnt just tell me what to do",
                "the boxing sessions were sick fr, wanna keep going after 👍",
                "She explained everything proper so i knew what was happening at court",
                "cooking was the best bit, made a curry and took some home for my mum",
                "helped me do my CV and now ive got an interview at the garage 😊",
                "didnt feel judged at all, they treated me like a normal person",
                "fishing was lowkey the best thing, never done it before and caught 2",
                "i got a say in what we did each week which was safe",
                "my worker came to my school so i didnt have to get the bus to the office",
                "the gym sessions. helped me calm down and sleep better",
                "they helped me get onto a college course for mechanics",
                "the art stuff. never thought id like it but i made a canvas for my nan",
                "being listened to innit. first time someone asked what i actually thought",
                "reparation at the food bank was alright, felt like i was helping people",
                "football on the astro every week, bare fun",
                "worker always texted back and was never late 👍",
                "they explained the panel before so it wasnt as scary as i thought it would be",
            ],
            "mixed": [
                "the boxing was good but the meetings were long",
                "my worker was safe, just wish i didnt have to keep telling my story to new people",
                "cooking was decent. rest of it was a bit boring tbh",
                "some of it helped like the CV stuff. the panel was well awkward tho",
                "idk, my worker was ok when she turned up",
                "liked the football but getting to the office in Telford took ages",
                "being able to say what i wanted to work on. didnt always happen tho",
                "the gym was sick but it stopped after a few weeks",
                "my worker was alright, explained stuff but sometimes used big words",
                "the community garden thing wasnt as bad as i thought, still long tho",
                "fishing was good. all the forms and paperwork were peak",
                "they helped a bit with college, still waiting to hear back",
                "it was ok. better than court i guess",
                "art was chill 😊 didnt like the meetings at school tho, everyone knew",
                "my first worker was safe, the new one is ok i guess",
                "getting my bus money paid was good cos otherwise i couldnt get there",
            ],
            "negative": [
                "nothing really, just had to turn up and talk",
                "idk nothing. it was long 🙄",
                "the only good bit was when it finished",
                "nothing fr, felt like they were just ticking boxes",
                "none of it, i didnt choose to be there",
                "maybe the snacks lol. rest was pointless",
                "nothing, kept changing my worker so i had to start again every time",
                "the boxing was ok but they cancelled it loads so not even that",
                "nothing. the panel made me feel like a criminal 😡",
                "dont know, never got to do any of the activities they said we would",
                "nothing, i just wanted it over with",
                "the bus fare i guess. thats it",
                "not much. they didnt really listen to what i said",
                "nothing good, reparation was picking litter in the rain for hours",
                "didnt like any of it, felt judged the whole time",
                "nothing, appointments were always in school time and i missed lessons",
            ],
        },
        "do_better": {
            "positive": [
                "nothing really it was fine 👍",
                "more boxing sessions pls",
                "idk maybe shorter meetings but otherwise safe",
                "cant think of anything, my worker was sound",
                "have the office somewhere closer, the bus takes long",
                "more trips like the fishing one",
                "nothing, keep it the same",
                "maybe do more cooking and let us pick what we make",
                "tell people its not as bad as it sounds at the start, i was bare nervous",
                "the first meeting was a bit scary, maybe make it more chill",
                "have some snacks in the waiting room lol",
                "nothing fr, it helped me loads",
                "maybe let us text instead of calling, i never answer unknown numbers",
                "more help with getting jobs, the CV bit was good",
                "nothing much, maybe dont have meetings so early in the morning 😂",
                "could be more football, otherwise all good",
            ],
            "mixed": [
                "dont make the meetings at school, everyone asks where ive been",
                "stop changing workers, i had 3 and had to explain everything again",
                "be on time. i waited ages a few times",
                "make the panel less scary, there were loads of adults just staring at me",
                "explain things in normal words not jargon",
                "let me pick the activities more, not just do what was planned",
                "pay for the bus properly, i had to use my own money sometimes",
                "dont book appointments when im meant to be at college",
                "meetings were too long, i switched off after like 20 mins",
                "text me the day before so i dont forget",
                "more stuff to do instead of just sitting in a room talking",
                "the reparation should be something useful not just cleaning",
                "ask what i want to do after, like jobs and that",
                "have somewhere to meet in Shropshire not just the main office",
                "tell me whats happening with my order, i wasnt sure when it ended",
                "sometimes felt like they already decided before i said anything",
            ],
            "negative": [
                "actually listen to what we say instead of writing it all down",
                "stop treating us like criminals, im more than what i did",
                "my worker was late loads and never said sorry 😡",
                "dont come to my school, it was embarrassing in front of my mates",
                "stop cancelling stuff last minute, happened like 4 times",
                "the panel was well long and they kept going on about the same thing",
                "keep the same worker. i had to start again every time and it was peak",
                "dont phone my mum every time i miss something, just talk to me",
                "make it so i dont have to travel an hour for a 10 min chat",
                "they promised i could do boxing and it never happened",
                "everything. it was pointless and i missed work for it",
                "be honest about what happens if you miss appointments, no one told me",
                "dont make me feel judged, one of the staff looked at me like i was nothing",
                "sort out the times, everything was when i had lessons",
                "listen to young people fr, you ask then ignore what we say 🙄",
                "reparation was just picking litter in the rain, it didnt mean anything",
            ],
        },
    },
    "parent-carer": {
        "went_well": {
            "positive": [
                "The worker kept me updated after every session and always rang back the same day.",
                "I was involved in planning from the start and felt my views really mattered.",
                "My son is calmer at home and back in school full time. "
                "I honestly did not think that would happen.",
                "They explained the referral order and the panel properly, "
                "so neither of us went in worried.",
                "My daughter trusted her worker, which is rare for her with professionals.",
                "Meetings were arranged around my shifts, which made a big difference.",
                "They treated my son as a child first and not just as an offender.",
                "The help with college applications was brilliant. He has a place starting soon.",
                "I could always get hold of someone at the office if his worker was out.",
                "The activities gave him something positive to do in the evenings "
                "instead of hanging around.",
                "They picked him up for appointments when I could not get him there myself.",
                "The panel was fairer and kinder than I expected. They let him speak.",
                "I felt supported as a parent, not blamed for what had happened.",
                "The worker linked us in with other support in Worcestershire "
                "that we did not know existed.",
                "We were told what would happen at each stage, so there were no nasty surprises.",
                "His confidence has grown so much. "
                "He speaks to adults now without getting defensive.",
            ],
            "mixed": [
                "His worker was good with him, but I often had to chase for updates.",
                "The boxing really helped, although it stopped without much warning.",
                "Things improved once we had a settled worker, "
                "but the first few months were messy with all the changes.",
                "They listened to my son. "
                "I felt less included in the planning than I would have liked.",
                "The panel went well in the end, "
                "but the wait beforehand was stressful for the whole family.",
                "Some sessions clearly helped. "
                "Others felt like they were just going through the motions.",
                "The support with school was useful, "
                "but meetings were often during my working hours.",
                "The worker was kind and patient. Phone calls were not always returned though.",
                "My daughter liked the cooking sessions. I am not sure the rest changed much.",
                "Communication was good at the start and then tailed off "
                "towards the end of the order.",
                "Having sessions at home helped, "
                "as the office is a long way from us in rural Herefordshire.",
                "He got on well with his worker, but the handover to a new one set him back.",
                "They were respectful to us, though the paperwork and letters were hard to follow.",
                "The reparation was worthwhile, but we were never told when it had finished.",
                "Some good advice on managing his behaviour, though it came quite late.",
                "The worker did well with my son. I just wish there had been more contact with me.",
            ],
            "negative": [
                "Very little went well. I was hardly ever told what was happening.",
                "His worker changed three times, so nothing really got going.",
                "The only positive was that the order finished on time.",
                "I cannot think of much. Calls were not returned and meetings were cancelled.",
                "Not a lot. My son felt judged and stopped engaging after the panel.",
                "Possibly the first meeting, which was clear. After that it fell apart.",
                "Nothing that made a real difference to his behaviour at home.",
                "The activities were fine when they happened, but they often did not happen.",
                "I felt blamed as a parent from the very first meeting.",
                "Little went well for us. "
                "Appointments were set during school and work with no discussion.",
                "Not much. We were expected to travel to Telford with no help towards bus fares.",
                "He was given a worker he did not get on with, "
                "and our request for a change was ignored.",
                "I was not involved in any planning. "
                "Decisions were made and we were told afterwards.",
                "Honestly, very little. It felt like a box-ticking exercise.",
                "The panel members were polite, but nothing came of it afterwards.",
                "I would struggle to name anything. We were left to get on with it.",
            ],
        },
        "do_better": {
            "positive": [
                "Nothing much. Perhaps a short written summary after each meeting.",
                "Very little to improve. A text reminder before appointments would help.",
                "Maybe offer some evening appointments for working parents.",
                "I was very happy. "
                "Perhaps explain the panel a bit earlier so he worries less beforehand.",
                "Keep doing what you are doing. "
                "More activities in the school holidays would be good.",
                "Only small things, like letters being written in plainer English.",
                "Nothing I can think of. The support was excellent throughout.",
                "Perhaps a parent group, so we could talk to others going through the same thing.",
                "Let us know a bit sooner when a worker is going on leave.",
                "It would be good to have a contact for when his worker is away.",
                "Could the office be a little more welcoming? It feels quite formal.",
                "Very little. Possibly more help with travel costs for families in Shropshire.",
                "Maybe a follow-up call a few months after the order ends.",
                "Nothing really. Perhaps more information for parents at the very start.",
                "Just more of the same, especially the help with college and work.",
                "A short leaflet explaining the terms used would have helped me at the beginning.",
            ],
            "mixed": [
                "Return phone calls. I sometimes waited several days for a reply.",
                "Keep the same worker where possible. Every change meant starting over.",
                "Arrange meetings outside working hours, or at least give more notice.",
                "Involve parents in planning, rather than just telling us what has been agreed.",
                "Tell us when sessions are cancelled "
                "rather than us finding out when he comes home.",
                "The panel felt long and formal for a fourteen-year-old. "
                "Make it feel less like court.",
                "Better communication between the team and his school would help.",
                "Explain what happens at the end of the order and what support is left.",
                "Follow through on the activities that are promised at the start.",
                "Send letters in plain English. Some of it read like a legal document.",
                "Please do not hold meetings at school where other pupils can see.",
                "Give more practical advice to parents, not just to the young person.",
                "Check in with parents more often, even just a quick call every couple of weeks.",
                "Help with bus fares sooner. We were paying out for weeks before it was sorted.",
                "Share the plan with us in writing so we know what he is working on.",
                "Have someone covering when the worker is off so things do not stall.",
            ],
            "negative": [
                "Return calls. I left messages for two weeks and heard nothing.",
                "Stop changing workers. My son had four and gave up trusting any of them.",
                "Listen to parents. I raised concerns that were ignored until it was too late.",
                "Tell us about decisions before they are made, not after.",
                "Do not turn up at his school unannounced. "
                "He was embarrassed in front of his class.",
                "Stop booking everything in my working hours "
                "and then treating us as uncooperative when we cannot attend.",
                "Treat families with respect. I was spoken to like I was the one in trouble.",
                "Actually deliver what is in the plan. Almost none of it happened.",
                "Stop cancelling at the last minute. "
                "I took time off work for meetings that never happened.",
                "Be honest about what the order involves from the beginning.",
                "Provide help with travel. We spent a fortune getting to the office.",
                "Take complaints seriously. Mine was never even acknowledged.",
                "The panel was intimidating and he came out in tears. That needs to change.",
                "Keep parents informed. I only found out about the breach meeting from my son.",
                "Make sure workers read the file before they meet the family.",
                "Talk to each other. We were told different things by different staff.",
            ],
        },
    },
    "victim-satisfaction": {
        "anything_else": {
            "positive": [
                "I was kept informed at every stage and that made me feel much less anxious.",
                "The letter of explanation from the young person "
                "was more thoughtful than I expected.",
                "I felt listened to. "
                "The worker took my views into account when planning the reparation.",
                "Meeting the young person was hard, but I am glad I did it. "
                "I got the answers I needed.",
                "Thank you for explaining the out-of-court process clearly. "
                "I felt it was the right outcome.",
                "Shuttle communication suited me as I did not want to meet face to face.",
                "The reparation at the community garden felt like "
                "a genuine way of putting something back.",
                "I was impressed that the young person apologised in person and seemed to mean it.",
                "The worker checked I felt safe "
                "and talked through what to do if I saw him locally.",
                "Being offered choices rather than being told what would happen "
                "made a real difference.",
                "I was sceptical at first, but the restorative approach helped me move on.",
                "The calls were always at a time that suited me, and I never had to chase.",
                "I appreciated being told the outcome and what the young person would be doing.",
                "It was reassuring to know he was getting support, "
                "so it is less likely to happen to someone else.",
                "Staff were patient and never pressured me to take part in anything.",
                "As a shop owner, the reparation he did for us was useful "
                "and the contact was handled well.",
            ],
            "mixed": [
                "The worker was kind, but it took weeks before anyone contacted me.",
                "I was given a letter of apology, though it felt a little scripted.",
                "I was kept informed at first, but I never heard how the order ended.",
                "I would have liked more say in the reparation, but I understand there are limits.",
                "The meeting helped, "
                "although I still feel uneasy walking past the park where it happened.",
                "I felt heard, but I expected a stronger outcome than an out-of-court disposal.",
                "The process was explained well. The delays between steps were frustrating.",
                "Good that I was offered a meeting, "
                "but the time offered was in the middle of my working day.",
                "Shuttle communication was useful, though messages took a long time to come back.",
                "Staff were respectful. "
                "I am still unsure whether anything has changed for the young person.",
                "I appreciated the phone calls, but some of the language used was confusing.",
                "The letter of explanation answered some questions "
                "but not the ones that mattered most to me.",
                "I understand the Child-First approach, but at times I felt my needs came second.",
                "It was fine overall. I just wish it had been resolved more quickly.",
                "I felt safer after talking to the worker, "
                "though I would have liked a follow-up call.",
                "Some of it helped. "
                "It would be good to know whether the damage to my car will be paid for.",
            ],
            "negative": [
                "Nobody contacted me for over two months after I reported it.",
                "I was not told the outcome until I asked. That was upsetting.",
                "I felt like an afterthought. "
                "The whole process seemed to be about the young person.",
                "I was offered a letter of apology and nothing else. It did not feel like justice.",
                "The delays were unacceptable. By the time anyone called, I had given up.",
                "I still feel uneasy and no one has followed up on the concerns I raised.",
                "I was promised a call back about reparation and it never came.",
                "It should have gone to court. An out-of-court outcome sends the wrong message.",
                "I was asked for my views but they clearly made no difference to the outcome.",
                "I did not understand what restorative justice meant "
                "and no one explained it properly.",
                "The worker seemed rushed and I did not feel heard at all.",
                "I was told I would be updated on the reparation and have heard nothing since.",
                "Being asked the same questions by three different people was exhausting.",
                "I felt pressured to agree to a meeting I was not ready for.",
                "No one told me the young person had been given a referral order. "
                "I found out from a neighbour.",
                "The letter I received did not take any responsibility. It made things worse.",
            ],
        },
    },
    "service-feedback": {
        "works_well": {
            "positive": [
                "Panel reports arrive on time and are clear, "
                "which makes panel meetings far more focused.",
                "Joint working with our school has been excellent. "
                "Information is shared quickly and appropriately.",
                "The Child-First approach is visible in every report. "
                "Children are described as children, not risks.",
                "As a volunteer panel member I feel well supported, "
                "and the training has been very good.",
                "Case workers attend strategy meetings reliably and contribute useful information.",
                "From a policing perspective, "
                "the out-of-court decision-making panel works well and is timely.",
                "The team are quick to respond to referrals from children's social care.",
                "Reports to court are balanced and give magistrates a real sense of the child.",
                "Good communication with schools, especially around timetables and attendance.",
                "The joint decision-making panel in Worcestershire is a model of good practice.",
                "Staff genuinely know the children they work with, "
                "and it shows in how they talk about them.",
                "Induction and ongoing training for volunteers have been thorough and relevant.",
                "The speech and language screening has improved how we communicate with children.",
                "Information sharing agreements are clear and the team stick to them.",
                "Health colleagues are fully integrated into the team, "
                "which makes referrals straightforward.",
                "Managers are visible and approachable, which makes partnership working easy.",
            ],
            "mixed": [
                "Panel reports are good quality "
                "but occasionally arrive on the morning of the panel.",
                "Joint working with police is strong, though links with social care vary by area.",
                "The Child-First ethos is clear. "
                "Caseloads sometimes make it hard to deliver in practice.",
                "Training is useful but mostly online; more face-to-face sessions would help.",
                "Communication with schools has improved, "
                "though some still do not know who to contact.",
                "Court reports are thorough. It would help to receive them a little earlier.",
                "Staff are committed and skilled, but turnover has affected continuity.",
                "Information sharing works well in Telford; "
                "it is less consistent in parts of Shropshire.",
                "The out-of-court panel is effective, "
                "but decisions are not always fed back to referring officers.",
                "Volunteers feel valued, "
                "though we are not always told what happened after a panel.",
                "The case management system is an improvement, though still clunky for partners.",
                "Strategy meetings are well attended by the team. "
                "Minutes take a while to circulate.",
                "Good relationships at practitioner level. "
                "Communication at senior level could be better.",
                "Reparation projects are worthwhile, "
                "though there are not enough placements in rural areas.",
                "Partner agencies are consulted, but sometimes late in the planning.",
                "The team respond well in a crisis, but routine updates can slip.",
            ],
            "negative": [
                "Very little at present. Panel reports have been late for several months.",
                "It is hard to say what works well when we rarely hear back from case workers.",
                "Information sharing has broken down since the restructure.",
                "Caseloads are so high that staff cannot work in the way the model intends.",
                "The Child-First language is there, but it does not always show in practice.",
                "As a school, we are often the last to know "
                "about court outcomes affecting our pupils.",
                "Not much. Panel volunteers have had no refresher training in a long time.",
                "The referral process is slow and unclear for partner agencies.",
                "Communication with social care has been poor and led to duplicated effort.",
                "Reports to court are sometimes generic "
                "and do not reflect the child in front of us.",
                "There is little joint working in practice; agencies operate in parallel.",
                "Staff are stretched and morale is low, which affects everything else.",
                "Meeting invitations come at very short notice, so partners cannot attend.",
                "Not a great deal. Police are rarely told the outcome of joint decisions.",
                "The systems do not talk to each other, so information gets lost.",
                "Volunteers feel like an afterthought and are not kept informed.",
            ],
        },
        "should_change": {
            "positive": [
                "Very little. Perhaps circulate panel reports a day or two earlier.",
                "Nothing significant. A short annual partner event would be welcome.",
                "Keep the current approach. "
                "More face-to-face training for volunteers would be a bonus.",
                "Minor point: a shared contact list for schools would save time.",
                "Perhaps more feedback to referrers on outcomes, but overall very positive.",
                "Small things, like standard templates for information requests.",
                "Offer joint training with police on the Child-First approach.",
                "More chances for panel members to observe each other would help consistency.",
                "Nothing to change. Maybe share good news stories more widely with partners.",
                "Consider a link worker for each secondary school.",
                "A little more notice of strategy meetings would help, but otherwise excellent.",
                "Perhaps an easy-read version of the panel report for children.",
                "It would be useful to have more reparation placements in Herefordshire.",
                "Continue as is. "
                "Magistrates would welcome a short briefing on the services available.",
                "Slightly shorter reports would make them easier to digest before panel.",
                "More joint visits with social care where it makes sense for the family.",
            ],
            "mixed": [
                "Reduce caseloads so staff have time for the relationship-based work that matters.",
                "Panel reports need to be on time consistently, ideally three working days before.",
                "Information sharing with schools should be routine, "
                "not dependent on individual staff.",
                "Feedback to police on out-of-court outcomes should be automatic.",
                "Volunteer training should be refreshed and include trauma-informed practice.",
                "Clearer escalation routes are needed when partners disagree about a plan.",
                "More consistency across the four areas in how panels are run.",
                "Staff turnover needs addressing; children keep having to retell their story.",
                "Better use of secure email so information is not delayed.",
                "Agree shared outcomes with partners so we are all measuring the same things.",
                "Involve schools earlier, before a plan is finalised.",
                "Give magistrates more information on what interventions are actually available.",
                "Minutes from multi-agency meetings should be circulated within a week.",
                "Court reports could include more of the child's own voice.",
                "Review the referral form; it is long and duplicates information we already share.",
                "Regular liaison with social care managers would iron out problems early.",
            ],
            "negative": [
                "Panel reports must arrive on time. "
                "Volunteers cannot prepare properly when they arrive on the day.",
                "Caseloads are unmanageable and need urgent attention from senior leaders.",
                "Information sharing needs a complete overhaul. We are working with one hand tied.",
                "Partners need to be told about significant decisions, not find out by accident.",
                "The training offer for staff and volunteers has been cut too far.",
                "Stop holding meetings at times partners cannot attend "
                "and then recording non-attendance.",
                "Communication from management is poor; we learn about changes second-hand.",
                "The Child-First approach needs proper resourcing, not just a line in policy.",
                "There should be a proper feedback loop for referring officers.",
                "Volunteers should be consulted before changes are made to how panels work.",
                "Response times to schools are too slow; we have waited weeks for a reply.",
                "Systems need joining up. Re-entering the same information wastes everyone's time.",
                "Reduce reliance on agency staff; continuity for children has suffered badly.",
                "Court reports are too often late or missing key information.",
                "Panel members need better guidance on handling disagreements with parents.",
                "There is no accountability when actions from joint meetings are not completed.",
            ],
        },
    },
    "tell-us": {
        "message": {
            "comment": [
                "Is there a way to get appointments sent by text instead of letters?",
                "it would be good if there was wifi in the waiting room",
                "The website does not say how to change an appointment. Could you add that?",
                "Just wanted to say the new office is much easier to get to by bus.",
                "Could you run the cooking group in the school holidays as well?",
                "As a parent, it would help to have a simple leaflet "
                "about what a referral order is.",
                "The waiting area is quite cramped and not very private.",
                "can we have more football sessions in Telford",
                "Please could letters be sent in larger print? I struggle to read them.",
                "As a panel member, I wondered if volunteers could observe a youth court sitting.",
                "It would be useful for schools to have a single contact number for the team.",
                "I think young people should help design the activities.",
                "Could victims be offered updates by email? Phone calls at work are difficult.",
                "The survey was easy to fill in on my phone.",
                "Would be good to know who to contact out of hours.",
                "there should be a youth group for people who have finished their order",
                "Parking at the office is very limited, which makes it hard to be on time.",
                "A translated information pack would help families "
                "who do not speak English at home.",
                "I did not know there was a reparation project in Worcestershire until recently. "
                "Worth advertising more.",
                "The feedback form could have a question about travel.",
                "More information about what happens after an order ends "
                "would be useful for families.",
                "Our school would welcome a talk from the team about the Child-First approach.",
            ],
            "compliment": [
                "I want to say thank you to my son's worker. She never gave up on him.",
                "the boxing coach was sick, helped me loads 👍",
                "The team handled the restorative meeting with real care. I left feeling heard.",
                "Thank you for returning my calls so quickly. It made a stressful time easier.",
                "my worker helped me get a college place. cant believe it tbh 😊",
                "The panel were kind to my daughter and let her explain herself.",
                "The court report was excellent "
                "and clearly showed how well the worker knew the young person.",
                "Great joint working on a difficult case this term. "
                "Information was shared promptly.",
                "The cooking sessions were brilliant. "
                "My son now makes tea for the family once a week.",
                "The lady from the team explained everything to my mum in a way she understood.",
                "Thank you for arranging meetings after my shifts. It meant I could be there.",
                "The reparation at the allotment was worth doing "
                "and the supervisor was really encouraging.",
                "As a victim, I was impressed by how sensitively "
                "the letter of explanation was handled.",
                "thanks for helping with my CV, got the job at the warehouse",
                "The training for new panel members was well organised and engaging.",
                "Excellent communication with our school. We always knew who to contact.",
                "The worker came out to our house in rural Shropshire every time "
                "so we did not have to travel.",
                "My son says his worker is the first adult who has really listened to him.",
                "The team picked up my referral the same day. Really appreciated.",
                "didnt think id like fishing but it was safe, thank u",
                "Thank you for treating my child with respect, "
                "even when he was not easy to work with.",
                "As a police officer, I have found the team's assessments "
                "for the out-of-court panel consistently excellent.",
            ],
            "complaint": [
                "My son's appointment was cancelled three times without anyone telling us.",
                "I left four messages for his worker and nobody called back.",
                "The worker came to his school and took him out of a lesson "
                "in front of his class. He was mortified.",
                "I was not told about the decision to extend the order until my son mentioned it.",
                "We spend over twenty pounds a week on bus fares getting to the office "
                "and have had no help.",
                "my worker was rude to me and my mum, talked over us the whole time 😡",
                "I waited forty minutes in reception "
                "and was then told the meeting was not happening.",
                "As a victim, I was promised an update on the reparation and never received one.",
                "The panel was booked during my working hours with only two days' notice.",
                "i had to go to the office in Worcestershire for a 10 min meeting, "
                "took 2 buses each way",
                "Letters were sent to our old address even though I updated it twice.",
                "A member of staff discussed my son's case in the waiting room "
                "where other families could hear.",
                "Our school was not invited to the planning meeting despite asking to be involved.",
                "My daughter has had three workers in six months "
                "and has had to repeat everything each time.",
                "I was told my complaint would be answered within ten working days. "
                "It has been much longer.",
                "the officer kept looking at his phone while i was talking, "
                "felt like he didnt care",
                "The panel report arrived on the morning of the panel, "
                "so volunteers had no time to read it.",
                "Nobody explained that missing appointments could mean going back to court.",
                "I was not told the outcome of the case until I phoned to ask.",
                "The meeting room was not private and my son was too embarrassed to talk properly.",
                "We were told bus fares would be refunded and we are still waiting.",
                "they said i could do the mechanics course then said theres no funding, "
                "why promise it",
            ],
        },
    },
}
