"""A 60-minute coaching session, hand-written turn by turn, for long-session-60min.txt.

Elena (coach) and Marcus (client, a newly promoted head of operations). Timestamps are given by
the words spoken at about 150 words a minute, plus a pause between turns."""

COACH, CLIENT = "Elena", "Marcus"

TURNS = [
    (COACH, "Good morning, Marcus. It's been three weeks since we last spoke, and I know a lot has happened "
            "in that time. Before we get into anything, how are you arriving today?"),
    (CLIENT, "Honestly, a bit scattered. I had a call with the board chair at seven this morning that ran "
             "over, and I came straight from that. My head is still half in the numbers. But I've been "
             "looking forward to this all week, because it's the only hour where nobody needs a decision "
             "from me. That sounds dramatic, but it's true. Everything else in my diary is somebody "
             "wanting something, and most of it is urgent, or at least it's presented as urgent."),
    (COACH, "Let's take a moment then. You don't need to decide anything in the first few minutes. What "
            "would make this hour worthwhile for you by the time we finish?"),
    (CLIENT, "I think I need to come out with some clarity about the restructure. I've got until the end of "
             "the month to present a proposal to the leadership team, and I keep writing versions of it and "
             "throwing them away. And underneath that there's a bigger question, which is whether I'm "
             "actually suited to this job. I've been in the head of operations role for five months now and "
             "I still feel like I'm pretending. So maybe both, if that's possible."),
    (COACH, "Both is possible. We can start with the restructure and see where the bigger question shows "
            "up. Or we can start with the bigger question. Which feels more alive for you right now?"),
    (CLIENT, "The restructure, because it's concrete. If I start with whether I'm suited to the job, I'll "
             "spiral, and then I won't have the energy to think about anything practical. That's what "
             "happened last weekend. I sat down on Saturday morning to work on the proposal and by "
             "lunchtime I was reading articles about imposter syndrome instead."),
    # A look back at the actions from the previous session.
    (COACH, "Before we dive in, last time you committed to two things: handing the weekly board pack to "
            "Kemi, and having a first conversation with the depot managers about the scheduling system. "
            "How did those go?"),
    (CLIENT, "The board pack went better than I expected. Kemi took it on the week after our session and "
             "she's done three now. The first one needed a lot of corrections, mostly formatting and a "
             "couple of numbers from the wrong month. The second was much better. The third I barely "
             "touched. She's actually added a summary page at the front that Rania says is the most useful "
             "part of the whole pack. So that's three or four hours a week back for me, and Kemi is clearly "
             "enjoying the visibility."),
    (COACH, "That's a real result. What did you do that made it work?"),
    (CLIENT, "I think I resisted the urge to take it back after the first one. That was hard. The first "
             "version had mistakes and my instinct was to say, don't worry, I'll do it this week and you can "
             "try again next month. Instead I sat with her for forty minutes and went through every "
             "correction, and explained why each number mattered to the board. It felt slow at the time. "
             "But it meant the second one was good, and the third was better than mine."),
    (COACH, "Better than yours. How does that feel?"),
    (CLIENT, "Honestly, a bit of both. Proud of her, and a tiny bit threatened, which I'm not proud of. "
             "But mostly proud. It's exactly what I used to love about managing a region, watching someone "
             "take something on and make it theirs. I'd forgotten that feeling. It's been a while."),
    (COACH, "And the depot managers?"),
    (CLIENT, "That one I didn't do. I had it in the diary twice and moved it both times. The first time "
             "there was a genuine crisis, a fire alarm at the Bristol depot that shut the site for a day. "
             "The second time I just moved it because I didn't feel ready. I wanted to have the scheduling "
             "decision made before I talked to them, so I'd have answers. Which is the same thing I've "
             "been doing with the restructure, now that I say it out loud."),
    (COACH, "What do you notice about the two, side by side?"),
    (CLIENT, "The board pack worked because I let Kemi start before it was perfect. The depot managers "
             "didn't happen because I wanted it to be perfect before I started. Same problem, opposite "
             "approach, opposite result. That's a clear enough lesson. I'm not sure why I need to keep "
             "learning it."),
    (COACH, "Perhaps it's less about learning it and more about noticing when you're in it. We'll come "
            "back to that. For now, let's turn to the restructure. Tell me where it stands today."),
    (CLIENT, "So the current structure has three regional operations managers reporting to me, plus the "
             "logistics lead, plus the facilities lead. Five direct reports. The problem is that the regions "
             "all do things differently. Procurement is handled three different ways, scheduling is done on "
             "three different systems, and when something goes wrong nobody knows whose job it is to fix "
             "it. The CEO wants me to move to a functional structure, so one person owns procurement across "
             "all regions, one owns scheduling, and so on. On paper it makes sense. In practice it means "
             "at least two of the regional managers lose the roles they have now."),
    (COACH, "And what's making it hard to write the proposal?"),
    (CLIENT, "Every time I draft it, I picture telling Dev and Saoirse. Dev has been with the company for "
             "eleven years. He knows every depot manager by name, he knows their kids' names. Saoirse joined "
             "two years ago and she's the most capable person on my team, but her region is the one that "
             "gets folded into the others. I can see the logic of the structure, but I can't see how to "
             "make it work for them, so I keep softening it until it doesn't solve anything anymore."),
    (COACH, "So you soften it to protect them, and then it stops doing the job it was meant to do. I'm "
            "noticing you said you can't see how to make it work for them. Whose job do you think that is?"),
    (CLIENT, "Mine, surely. I'm their manager. If I'm redesigning the structure, it's on me to make sure "
             "they're okay. Although, when you put it like that, I suppose I've been assuming that making it "
             "work for them means keeping their jobs exactly as they are. Which is impossible. So I've set "
             "myself a problem I can't solve and then I'm annoyed at myself for not solving it."),
    (COACH, "What else could making it work for them mean?"),
    (CLIENT, "It could mean being honest with them early, instead of presenting them with a finished "
             "design. It could mean asking them what they'd want. Dev has talked for years about wanting to "
             "fix our supplier relationships properly. If there's a procurement lead role across the whole "
             "company, that might actually be his dream job. I've never asked him. I've been so busy "
             "protecting him that I haven't talked to him."),
    (COACH, "That's quite a shift from a few minutes ago. What do you notice?"),
    (CLIENT, "That I've been treating them like they're fragile. They're not. Dev has survived three "
             "reorganisations. Saoirse runs a region of four hundred people. They'd probably be insulted if "
             "they knew how carefully I've been tiptoeing around this. And it's the same thing I do with "
             "the CEO, actually, just in the other direction. With the team I protect them, with the CEO I "
             "protect myself."),
    (COACH, "Say more about the CEO."),
    (CLIENT, "Rania is brilliant and fast and she doesn't like hearing that something can't be done. So I "
             "find myself saying yes in meetings, and then going back to my desk and working out how to "
             "make it possible. Last month she asked for the new warehouse in Leeds to be live by the end "
             "of the quarter. I knew in the meeting that it wasn't realistic, because the lease hadn't been "
             "signed and we hadn't hired a site manager. I said I'd look into it. Then I spent three weeks "
             "trying to make an impossible timeline work before I admitted to her that it would slip."),
    (COACH, "What happened when you told her?"),
    (CLIENT, "She said, and I remember it exactly, 'I wish you'd told me that in the meeting.' Not angry. "
             "Just a bit disappointed. And then she moved the date without any fuss. Which made me feel "
             "worse, honestly, because the three weeks of stress were completely unnecessary."),
    (COACH, "What do you make of that now, looking back?"),
    (CLIENT, "That she wants the truth more than she wants a yes. And that I've been managing a version of "
             "her that lives in my head. The real Rania would rather have a hard conversation early. It's "
             "funny, because that's exactly what I'd want from my own team. If Dev told me something was "
             "impossible I'd thank him for it."),
    (COACH, "You'd thank him for it. What stops you from offering her the same thing?"),
    (CLIENT, "I think it's that I'm new in the role and I want to prove I was the right hire. The previous "
             "head of operations was there for nine years and everyone says she could make anything happen. "
             "I'm comparing myself to someone who'd had nine years to build her network. I've had five "
             "months. But in my head the standard is the same."),
    (COACH, "So there's a comparison running in the background. Five months against nine years. How fair "
            "is that comparison?"),
    (CLIENT, "It's not fair at all. If someone on my team did that I'd tell them to stop. It's like "
             "comparing a first draft with a finished book. And I know that, intellectually. But knowing "
             "it doesn't seem to change how it feels on a Tuesday afternoon when the board pack is due and "
             "three things have gone wrong at once."),
    (COACH, "What does help, on those Tuesday afternoons?"),
    (CLIENT, "Walking, weirdly. If I get out of the building for fifteen minutes and walk round the canal, "
             "I come back and the problems have shrunk. They haven't changed, but they feel like problems "
             "again rather than verdicts on me. I used to do it every day when I was a regional manager. "
             "Since the promotion I've stopped, because it feels like I can't afford fifteen minutes."),
    (COACH, "What's the cost of not taking those fifteen minutes?"),
    (CLIENT, "Probably an hour of bad decisions. Or at least slow decisions. I reread emails four times "
             "before sending them when I'm in that state. I rewrite the restructure proposal instead of "
             "finishing it. So the fifteen minutes would pay for itself several times over. That's a bit "
             "embarrassing to say out loud, because it's obvious."),
    (COACH, "Obvious things are often the hardest to act on. Let's hold that thought about walking and come "
            "back to it. I'd like to go back to the proposal. If you weren't trying to protect anyone, what "
            "would the proposal say?"),
    (CLIENT, "It would say we move to functional leads for procurement, scheduling and fleet, with the "
             "regions becoming service areas rather than separate operations. It would say that the change "
             "happens in two phases, procurement first because that's where the money is, then scheduling "
             "once we've picked one system. And it would say clearly that two roles change substantially "
             "and that I'll work with the people in them on what comes next, before the structure is "
             "announced, not after."),
    (COACH, "You said that very fluently. How long have you known that's what it should say?"),
    (CLIENT, "Weeks. Probably since the first draft. That's annoying. I've been rewriting it to avoid "
             "writing what I already knew. Every version I threw away was a version where I tried to find "
             "a structure where nobody's role changed, and that structure doesn't exist."),
    (COACH, "What would it take to write the version you already know?"),
    (CLIENT, "Permission, I suppose. Permission to make a decision that some people won't like. I think "
             "I've always been the person who finds the solution everyone can live with. That worked well "
             "as a regional manager. At this level there isn't always a solution everyone can live with, and "
             "my job is to make the call anyway."),
    (COACH, "Who would need to give you that permission?"),
    (CLIENT, "Nobody. That's the honest answer. Rania already asked me to do this. The board approved the "
             "direction in principle. The only person withholding permission is me. Wow. Okay. That's "
             "uncomfortable, but it's also quite freeing."),
    (COACH, "Let's stay with freeing for a moment. What does it free you to do?"),
    (CLIENT, "To stop writing drafts and start having conversations. I think the proposal will be better "
             "if Dev and Saoirse help shape the detail. Not the direction, that's decided, but the detail of "
             "how the roles work. Dev would be brilliant at designing the procurement function. And Saoirse "
             "has been asking for more responsibility for a year. Maybe leading the scheduling rollout is "
             "exactly the stretch she wants."),
    (COACH, "It sounds like you're seeing them differently. Less as people who lose something and more as "
            "people who might gain something."),
    (CLIENT, "Yes. Although I don't want to be naive about it. Dev might hate the idea of giving up his "
             "region. He's proud of it. And Saoirse might see it as a demotion, even if I don't. I need to "
             "go in ready for both of those reactions, and not promise things I can't deliver just to make "
             "the conversation feel better in the moment. That's my pattern, isn't it. Promising things to "
             "make a moment feel better."),
    (COACH, "You named that yourself. Where else does that pattern show up?"),
    (CLIENT, "At home, certainly. I told my daughter I'd be at her football match on Saturday and then I "
             "had to cancel because of the board pack. That's the third time this season. She didn't make a "
             "fuss, which was worse. She just said 'it's fine, Dad', in that voice. I keep telling myself "
             "it's temporary, that once the restructure is done things will calm down. But there'll always "
             "be something."),
    (COACH, "That sounds painful. What matters most to you about being at her matches?"),
    (CLIENT, "That she knows she comes first. My own dad was at every single one of my matches, rain or "
             "shine, and I don't remember a single score. I just remember him standing on the touchline with "
             "a flask of tea. That's what I want her to remember. Not that I had an important job."),
    (COACH, "Standing on the touchline with a flask of tea. What would it take to protect that?"),
    (CLIENT, "Putting the matches in my diary as if they were board meetings. Blocked out, not movable. "
             "There are seven matches left in the season. If I block them all now, before anyone else books "
             "those Saturday mornings, then the decision is made in advance and I don't have to make it "
             "again each week when something urgent comes up. Because something urgent always comes up."),
    (COACH, "Deciding in advance rather than each week. That sounds like it could apply to more than the "
            "matches."),
    (CLIENT, "It could apply to the walks as well. Fifteen minutes at two o'clock every day, blocked. And "
             "maybe to the leadership meetings with Rania. I could decide in advance that in every meeting "
             "I'll say what I actually think about feasibility before I leave the room, instead of looking "
             "into it afterwards. Decide once, not every time."),
    (COACH, "How would that work in practice, with Rania?"),
    (CLIENT, "I think I'd tell her. Next one-to-one, I'd say: I've noticed I say yes in the room and "
             "then worry about it later, and I'd like to change that. From now on, if I think a date is "
             "unrealistic I'll say so in the meeting, with what I'd need to make it work. Given what she "
             "said about Leeds, I think she'd welcome it. It also means she can hold me to it."),
    (COACH, "What would you need from her to make that easier?"),
    (CLIENT, "Maybe just a moment in the meeting. She moves fast, and by the time I've worked out that "
             "something's unrealistic, we're three agenda items further on. I could ask her if it's okay "
             "to come back at the end of the meeting with a feasibility check on anything new. Five minutes. "
             "That way I'm not blocking her pace, but I'm not walking out with a yes I don't believe in."),
    (COACH, "That's a specific request. How does it feel to imagine making it?"),
    (CLIENT, "Slightly nervous, but mostly relieved. It feels more like the way I want to work. I used to "
             "be known as the person who told it straight. Somewhere in the last five months I lost that."),
    (COACH, "Where do you think it went?"),
    (CLIENT, "Into trying to look like a head of operations, I think, instead of being one. I had this "
             "picture of what the role looks like: calm, always has the answer, never flustered. So I've "
             "been performing that picture. And performing is exhausting. It's probably why I'm so tired "
             "at the end of every day, not the hours themselves."),
    (COACH, "That sounds like an important insight. Performing the role rather than being in it. How does "
            "that connect to the bigger question you came in with, whether you're suited to the job?"),
    (CLIENT, "Oh. It changes the question. I've been asking whether I'm suited to the picture. And I'm "
             "not, because nobody is, the picture isn't real. The real question is whether I'm suited to "
             "the actual job, which is making calls, building the team, telling the CEO the truth, fixing "
             "the operations. And when I put it like that, I think I am. I'm good at those things. I've "
             "just been too busy performing to do them."),
    (COACH, "What evidence do you have that you're good at those things?"),
    (CLIENT, "The regional results, for a start. My region had the best on-time delivery rate for three "
             "years running, and that was because I built a team that told each other the truth about "
             "problems early. Also, two of the people I managed back then have been promoted, and they both "
             "said it was because I pushed them. And the board chair this morning said my risk report was "
             "the clearest she'd read in years. I'd forgotten that until just now. I went straight past it "
             "to the part of the call where she questioned the fleet costs."),
    (COACH, "You went straight past the praise to the criticism. What's that like to notice?"),
    (CLIENT, "Familiar. I do it all the time. My wife says I can get ten compliments and one piece of "
             "feedback and I'll only talk about the feedback at dinner. I think I treat praise as something "
             "that might be taken away, and criticism as the real information."),
    (COACH, "What if both were information?"),
    (CLIENT, "Then I'd have to accept that the board chair thinks I'm doing some things very well. Which "
             "would mean accepting that I'm not pretending, at least not all the time. Maybe I'm doing the "
             "job and just not letting myself notice. That's a strange thought. Five months of assuming I'm "
             "failing, and some of the evidence says otherwise."),
    (COACH, "How could you make sure you notice the evidence going forward?"),
    (CLIENT, "Writing it down, maybe. At the end of each week, three things that went well and one thing "
             "I learned. I used to tell my team to do that and I never did it myself. It takes five minutes "
             "on a Friday afternoon. And I could share it with you before each session, so it doesn't just "
             "disappear into a notebook I never open."),
    # The middle of the session: fleet costs, Leeds, peers, sleep, a past success, the future, values.
    (COACH, "Before we pull things together, you mentioned the board chair questioned the fleet costs this "
            "morning. Is that something you want to look at today, or is it noise?"),
    (CLIENT, "It's not noise. Fleet is our second biggest cost after people, and it went up eighteen percent "
             "this year. Part of that is fuel, which nobody controls. But part of it is that each region "
             "leases vans separately, on different contracts, with different renewal dates. We're paying "
             "three different rates for the same van. The board chair spotted it in the appendix, which is "
             "a little embarrassing, because I should have put it on the front page myself."),
    (COACH, "What stopped you putting it on the front page?"),
    (CLIENT, "It felt like admitting a mess that predates me. Which is silly, because it does predate me, "
             "and saying so isn't blaming anyone. It's just the situation I inherited. I think I buried it "
             "in the appendix because I didn't have a fix ready yet, and I don't like showing a problem "
             "without a solution next to it. I was taught early in my career never to walk into a "
             "manager's office with a problem and no answer."),
    (COACH, "That's a rule that served you at one point. How well is it serving you now?"),
    (CLIENT, "Not very well. At board level they'd rather see the problem early, with a plan to find the "
             "answer, than find it themselves in an appendix. The rule made sense when I was a supervisor "
             "and my manager had forty people to look after. It makes less sense when my job is to give "
             "the board an honest picture. Actually the fleet contracts are a good argument for the "
             "functional structure. One fleet lead, one set of contracts. I could use it in the proposal."),
    (COACH, "So the thing you buried might be one of your strongest arguments."),
    (CLIENT, "Yes. That's a pattern too, isn't it? The things I hide because they feel like weaknesses are "
             "often the things that make the case. If I'd led with the fleet problem, the restructure "
             "would look like the obvious answer rather than something I'm imposing. I'm going to pull the "
             "numbers together properly. Three contracts, renewal dates, what we'd save if we consolidated "
             "at the best of the three rates. My guess is a hundred and forty thousand a year."),
    (COACH, "When would you like to have those numbers ready?"),
    (CLIENT, "Before I talk to Saoirse, ideally, because fleet sits partly in her region and she'll know "
             "things about those contracts that aren't in the spreadsheet. So by Monday evening. I'll ask "
             "Priya in finance for the contract summaries today. She's quick, and she likes this kind of "
             "analysis, so it won't feel like a burden for her."),
    (COACH, "You mentioned Leeds earlier, and that you hadn't hired a site manager. Where is that now?"),
    (CLIENT, "Still open, and it's starting to worry me. We've interviewed four people. Two were good on "
             "paper but didn't seem to understand what a new site actually involves. One was excellent but "
             "wanted a salary twenty percent above the band. And one withdrew. The recruiter wants to "
             "re-advertise, which means another six weeks. Meanwhile the lease is signed now and the site "
             "is sitting empty, which Rania notices every time she reads the property report."),
    (COACH, "What do you know about the excellent candidate that makes you hesitate?"),
    (CLIENT, "Only the money, really. She ran the opening of a site twice the size of Leeds for a "
             "competitor. She asked sharp questions about our systems. She even asked who she'd be working "
             "with in the regions, which none of the others did. But the band is the band, and I don't want "
             "to set a precedent, especially when I'm about to restructure and everyone will be looking at "
             "pay and grades."),
    (COACH, "What would the cost of another six weeks be, against the cost of the salary difference?"),
    (CLIENT, "When you put it that way, it's not close. The empty site costs us more in a month than the "
             "salary difference costs in a year. And that's before counting the time I'm spending covering "
             "the project myself. I think I've been treating the band as a rule I'm not allowed to question, "
             "when actually it's a guideline and there's an exception process. I just haven't used it "
             "because it means writing a case and asking for something."),
    (COACH, "Asking for something. How does that sit with you?"),
    (CLIENT, "Uncomfortable. Same thing as with Rania. I'd rather find a way to make it work on my own than "
             "ask for an exception. But it's a good case. I'll write the exception request to HR this week. "
             "If they say no, at least I'll have asked, and I can re-advertise knowing it was the right call "
             "rather than the easy one. I'll call the candidate on Thursday to check she's still available."),
    (COACH, "It sounds like asking is a theme today. Who else do you find it hard to ask?"),
    (CLIENT, "Tomasz, the finance director. We're peers, technically, but he's been on the leadership team "
             "for six years, and he has a way of making every request feel like a favour. When I need "
             "budget for something, I end up doing three extra pieces of analysis before I approach him, "
             "just to make sure he can't say no. It means everything takes twice as long. My team have "
             "started joking that we need a business case to buy a stapler."),
    (COACH, "What do you imagine would happen if you approached him without the extra analysis?"),
    (CLIENT, "He'd ask questions I couldn't answer on the spot, and I'd look unprepared in front of a peer. "
             "Although, now I think about it, that happened once, in my second month, and he just said "
             "'send me the numbers when you have them' and approved it two days later. So the evidence "
             "from the one time I tried it is that it was fine. I've built a whole process around a "
             "reaction he never actually had."),
    (COACH, "You're noticing a lot of that today. The story in your head and what actually happened."),
    (CLIENT, "I am. It's a bit unsettling, to be honest. How much of my week is spent managing reactions "
             "that people don't have? Rania wanted the truth. Tomasz was fine. Dev and Saoirse are probably "
             "tougher than I give them credit for. The board chair praised the report. Maybe the person "
             "I'm most afraid of disappointing is me."),
    (COACH, "Take a moment with that. What's it like to say it?"),
    (CLIENT, "Quiet. Sort of sad, and sort of relieving. If it's me I'm afraid of disappointing, at least "
             "that's something I can actually work on. I can't control what Rania thinks. I can decide what "
             "standard I hold myself to. And I can decide whether that standard is the nine-year "
             "predecessor standard or something more reasonable for someone five months into the job."),
    (COACH, "What would a reasonable standard be, for someone five months in?"),
    (CLIENT, "Knowing the operation well. Having a clear direction. Having built trust with the team and "
             "with Rania. Making a few good decisions and owning a few mistakes. Not having solved every "
             "inherited problem. When I say it like that, I'm probably meeting that standard. Maybe "
             "exceeding it on the operation and the direction. Less so on trust with Rania, because I "
             "haven't been fully honest with her. That's the gap, and it's a fixable one."),
    # How the team's caution shows up, and the regional manager Marcus used to be.
    (COACH, "You said earlier that your direct reports are polite and careful with you. Can you give me an "
            "example of what that looks like day to day?"),
    (CLIENT, "Last Thursday is a good one. Our weekly operations review. Everyone reported green on their "
             "dashboards. Green, green, green. And that same afternoon I found out from a customer, not from "
             "my team, that the Manchester depot had missed its delivery window for a supermarket contract "
             "three days running. The facilities lead knew, because the delay was caused by a broken loading "
             "bay door. The logistics lead knew, because she'd rerouted two vans. Neither of them mentioned "
             "it in the meeting."),
    (COACH, "How did you respond when you found out?"),
    (CLIENT, "Not well. I sent a rather sharp message to both of them asking why I'd heard it from a "
             "customer. Which, thinking about it now, is exactly the reaction that teaches people to hide "
             "things. In my regional days I'd have thanked them for fixing it and asked what we could learn. "
             "Instead I made it about me being embarrassed in front of the customer. I can see that now. I "
             "couldn't see it on Thursday."),
    (COACH, "What would you like to do about it now?"),
    (CLIENT, "Apologise, to start with. Properly, not a throwaway line. Tell them I reacted badly, that "
             "they did the right thing in fixing it quickly, and that what I actually need is to hear about "
             "problems in the review, even when they're already solved. Especially when they're already "
             "solved, because then it's good news with a lesson attached. I'll do it in person on Monday "
             "morning, before the meeting with Dev."),
    (COACH, "How do you think they'll respond to an apology?"),
    (CLIENT, "Surprised, probably. I don't think either of them has had a boss apologise to them before. "
             "Rania doesn't apologise, the previous head of operations didn't either, from what I hear. It "
             "could be one of the most useful things I do this month. It shows them the standard I want. If "
             "I can own a mistake in front of them, they can own theirs in front of me."),
    (COACH, "You've described quite a few moments today where the person you were as a regional manager "
            "would have acted differently. What happened to that person?"),
    (CLIENT, "I think he got intimidated. The jump from regional manager to head of operations felt huge. "
             "Suddenly I was in rooms with the board, with Rania, with Tomasz, people who talk about "
             "strategy and capital and market position. I felt like the operations guy who'd wandered into "
             "the wrong meeting. So I tried to sound like them, and I left behind the things that made me "
             "good. The regional manager was direct, he knew his people, he admitted his mistakes. He "
             "didn't try to sound like anyone."),
    (COACH, "What would it mean to bring him into those rooms?"),
    (CLIENT, "Talking about operations the way I actually understand it. Not in strategy language. When I "
             "presented the fleet costs, I used phrases like optimising our asset base, when what I meant "
             "was we're paying three different prices for the same van. The board chair would have got it "
             "instantly if I'd said the second version. My plain way of talking is probably an asset in "
             "that room, not a weakness. Rania hired me because I know the operation from the ground up. "
             "She didn't hire me to sound like a consultant."),
    (COACH, "That's quite a statement. Rania hired you because you know the operation from the ground up."),
    (CLIENT, "She did. She said it in the interview. She said the previous candidates all talked about "
             "transformation, and I was the only one who talked about what happens at a depot at five in "
             "the morning. I'd completely forgotten that. I've spent five months trying to become the kind "
             "of candidate she didn't choose."),
    (COACH, "What do you want to do with that?"),
    (CLIENT, "Stop. Just stop trying to be the other candidates. Go back to being the person she chose. "
             "In practice, I think that means visiting a depot every fortnight, which I used to love and "
             "haven't done since I started. It keeps me grounded and it gives me stories that make the board "
             "papers real. I'll start with Manchester, the week after next, and I'll take the facilities lead "
             "with me so we can look at that loading bay door together."),
    (COACH, "I'd like to ask about your energy more broadly. You said you finish every day exhausted. How "
            "are you sleeping?"),
    (CLIENT, "Badly. I fall asleep fine because I'm shattered, but I wake at four and my brain starts "
             "running through the day. The restructure, the fleet numbers, Leeds. I lie there for an hour "
             "composing emails in my head. Then I get up at six feeling like I've already worked a shift. "
             "My wife has started sleeping in the spare room on weeknights because I'm so restless. We "
             "laugh about it, but it's not really funny."),
    (COACH, "What have you tried when you wake at four?"),
    (CLIENT, "Mostly checking my phone, which I know is the worst thing. I tell myself I'm just checking "
             "whether anything urgent came in overnight, and then I'm reading emails and it's impossible to "
             "go back to sleep. Nothing urgent ever comes in overnight. We're not a hospital. If a van "
             "breaks down at three in the morning, the depot manager handles it, and that's how it should be."),
    (COACH, "So the phone promises reassurance and delivers the opposite. What could you try instead?"),
    (CLIENT, "Leaving the phone downstairs, for a start. I've got an old alarm clock somewhere. And maybe "
             "keeping a notebook by the bed, so when something comes up at four I write it down and tell "
             "myself it's captured. I did that years ago, when my daughter was a baby and I was worried "
             "about everything, and it helped. I don't know why I stopped. I'll try it from tonight."),
    (COACH, "How will you know if it's helping?"),
    (CLIENT, "If I'm waking at four less than three nights a week by the time we next speak. And if my "
             "wife moves back in from the spare room, which would be the real measure. She'll be delighted "
             "that I'm doing something about it. She's been telling me to leave the phone downstairs for "
             "about a year."),
    (COACH, "You mentioned your regional team earlier, how they told each other the truth about problems "
            "early. How did you build that?"),
    (CLIENT, "It started with a disaster, actually. In my first year as regional manager we lost a major "
             "customer because a depot had been missing delivery windows for weeks and nobody told me. The "
             "depot manager was scared of being blamed. After that I started every weekly meeting with the "
             "same question: what's going wrong that I don't know about yet? And I made a point of "
             "thanking whoever answered, every single time, even when the news was terrible."),
    (COACH, "What happened over time?"),
    (CLIENT, "It took about three months. At first people offered small things, safe things. Then one of "
             "the depot managers admitted he'd been fudging the on-time figures because he was afraid of "
             "losing his bonus. I thanked him and we fixed the process together. After that, everyone "
             "started talking. Within a year we had the best delivery record in the company, and it was "
             "because problems surfaced while they were still small and cheap to fix."),
    (COACH, "What does that story tell you about what you could do now?"),
    (CLIENT, "That I already know how to build a culture of telling the truth. I've done it. I just haven't "
             "done it at this level, with my direct reports, or with Rania. And I haven't been modelling "
             "it myself. In my regional days I'd admit my own mistakes first, in the meeting, to make it "
             "safe for everyone else. At this level I've been hiding mine. No wonder my team are polite "
             "and careful with me. I've been polite and careful with everyone."),
    (COACH, "What could you bring back from those days?"),
    (CLIENT, "The question. I could start my leadership team meeting on Friday with it. What's going wrong "
             "that I don't know about yet? And I could go first. I could tell them about the fleet contracts "
             "and admit I buried them in an appendix. That would be a strong way to show them it's safe. "
             "It's a bit scary, but it's the kind of scary I recognise from before, and it worked then."),
    (COACH, "Let's try something different for a few minutes. Imagine it's a year from now and things have "
            "gone well. What do you see?"),
    (CLIENT, "The functional structure is in place and working. Dev is running procurement and he's happier "
             "than he's been in years, because he's finally fixing the supplier relationships he's complained "
             "about for a decade. Saoirse has delivered the scheduling rollout and she's being talked about "
             "as a future head of operations herself. Leeds is open and running well. And I'm walking by "
             "the canal every afternoon, I've been to every match, and Rania trusts me to tell her when "
             "something isn't going to work."),
    (COACH, "And how do you feel, in that picture?"),
    (CLIENT, "Settled. Like I belong in the role. Not because I've become the predecessor, but because "
             "I've done it my own way. The way I did it in the region, just bigger. I'm not performing "
             "anything. I'm tired some days, but it's a good tired, the kind you feel after a match rather "
             "than after a day of holding your breath."),
    (COACH, "What's the version of you in that picture doing differently from today?"),
    (CLIENT, "Saying things earlier. Asking for things. Letting people be strong instead of protecting "
             "them. Protecting the time that matters, the walks, the matches, sleep. None of it is "
             "complicated. It's mostly about stopping things rather than starting them. Stop drafting "
             "alone, stop checking the phone at four, stop saying yes in the room and worrying later."),
    (COACH, "If you think about what you most value in your work, underneath all of this, what is it?"),
    (CLIENT, "Honesty, and people growing. Those are the two things that have always made work feel "
             "worthwhile. The best days in my career were the day the depot manager admitted the fudged "
             "figures, because it meant the team trusted me, and the days when people I'd managed got "
             "promoted. Neither of those was about me being impressive. Both were about creating the "
             "conditions for other people to be honest and to grow."),
    (COACH, "How well does the way you've been working these past five months reflect those values?"),
    (CLIENT, "Not well. I've been dishonest in small ways, with Rania and with myself. And I've been "
             "protecting Dev and Saoirse instead of helping them grow. It's almost the opposite of my "
             "values. That's hard to hear, but it also explains why I feel so flat. I've been working "
             "against the grain of who I am. The restructure, done the right way, is actually a chance "
             "to live both values. Honest conversations, and growth for two people I rate highly."),
    (COACH, "That's a very different frame from where you started this morning."),
    (CLIENT, "It is. I walked in thinking the restructure was the thing making me miserable. Now I think "
             "it might be the thing that lets me do the job the way I want to. The restructure isn't the "
             "problem. The way I've been approaching it is."),
    # How the change will reach the wider organisation, and what support Marcus needs.
    (COACH, "Once the proposal is approved, how will the wider organisation hear about the restructure?"),
    (CLIENT, "I hadn't thought that far, to be honest. The last reorganisation was announced in an email "
             "from the previous CEO on a Friday afternoon, and people still talk about it. Depot managers "
             "found out at the same time as the drivers. Several of them felt humiliated, because their "
             "teams asked them questions they couldn't answer. I don't want to repeat that. The people who "
             "lead the depots should hear it from me, in person, before anyone else does."),
    (COACH, "What would a good sequence look like?"),
    (CLIENT, "Dev and Saoirse first, obviously, and the other direct reports. Then the depot managers, "
             "ideally together on a call, so they all hear the same thing at the same time, with a chance "
             "to ask questions. Then the depot managers brief their own teams, with a written summary "
             "from me that they can share. And then a company-wide message, which by then is just "
             "confirming what people already know. Rania would need to agree to that, because she usually "
             "likes to announce things herself."),
    (COACH, "How might you make that case to her?"),
    (CLIENT, "Using the last reorganisation. She joined after it, but she's heard the stories. I can tell "
             "her that the depot managers are the people who'll make or break this, and that they need to "
             "be able to answer their teams' questions on day one. She'd still send the company-wide "
             "message, but after the managers have been briefed. I think she'd agree. She cares about the "
             "front line more than people realise."),
    (COACH, "What questions are the depot managers likely to ask?"),
    (CLIENT, "Whether anyone's losing their job, first. The answer is no, at depot level. Then who they "
             "report to for procurement and scheduling, and whether their budgets change. And some of "
             "them will ask whether this means head office is taking control away from the regions, which "
             "is a fair worry. I need a good answer to that. The honest answer is that we're standardising "
             "how things are done, but the depots keep the decisions about their own people and their own "
             "customers."),
    (COACH, "How could you test those answers before the call?"),
    (CLIENT, "With Dev. He knows every depot manager and he'll know exactly how each of them will react. "
             "Once he's on board with the new role, I could ask him to read the briefing and tell me where "
             "it sounds like head office talking. He'd be brutal about it, in a good way. That's something "
             "else I haven't been using, his knowledge of the people. I've been treating him as a problem "
             "to solve rather than my best adviser on this."),
    (COACH, "That's an interesting reversal. Your best adviser rather than a problem to solve."),
    (CLIENT, "It is. And it might be what makes the procurement role feel like a promotion to him rather "
             "than a consolation. If he's part of designing how the change lands, he's not a casualty of it. "
             "He's one of the people leading it. That's a completely different story, for him and for the "
             "depot managers who'll be watching how he's treated."),
    (COACH, "What support do you need for all of this? You've taken on a lot today."),
    (CLIENT, "Someone who's done a restructure at this scale before, probably. I've only ever been on the "
             "receiving end. There's a former operations director at our parent company, Helen, who ran "
             "exactly this kind of change three years ago. We met at a conference and she said to get in "
             "touch any time. I never did, because it felt like I'd be admitting I didn't know what I was "
             "doing. Which is, of course, the whole pattern again."),
    (COACH, "What would you ask her, if you got in touch?"),
    (CLIENT, "What she wishes she'd done differently. What surprised her. How long it took before the new "
             "structure felt normal. And how she handled the people who lost out. I'd rather learn from her "
             "mistakes than make my own versions of them. I'll email her today and ask for half an hour "
             "in the next fortnight. Worst case, she's busy and says no."),
    (COACH, "You've mentioned a lot of emails and conversations to start today. How realistic is all of "
            "this for one week?"),
    (CLIENT, "Good question. Probably not all of it. If I'm honest, the essential things this week are "
             "Dev on Monday, Saoirse on Tuesday, Rania on Wednesday, and the one-page proposal on Sunday. "
             "The fleet numbers need to be ready by Monday evening, but Priya will do most of that. Leeds "
             "and Helen can be next week. The diary blocks for matches and walks take ten minutes today. "
             "The phone downstairs starts tonight. That's realistic. The rest can wait a week without "
             "anything breaking."),
    (COACH, "I notice you prioritised that quite quickly, and quite calmly."),
    (CLIENT, "I did, didn't I? A month ago I'd have tried to do all of it this week and done none of it "
             "well. I think it's because I can see what actually matters now. Most of my stress has been "
             "about trying to hold everything at the same level of urgency. When you separate the three "
             "or four things that really matter from everything else, it's manageable."),
    (COACH, "I'd be glad to read it. Let's look at where we are. We've talked about the restructure, about "
            "Rania, Tomasz and Leeds, about your daughter's matches, sleep and walking, about noticing "
            "evidence and about your values. That's a lot. "
            "What feels most important to take forward?"),
    (CLIENT, "The restructure conversations, because they're time-critical. The proposal is due on the "
             "thirtieth. If I talk to Dev and Saoirse next week, I've got time to include their ideas. If I "
             "keep drafting alone, I'll be presenting something at the end of the month that nobody has "
             "seen, and that's exactly the kind of surprise I hate receiving myself."),
    (COACH, "What's your first step on that?"),
    (CLIENT, "I'll book an hour with each of them. Dev on Monday, Saoirse on Tuesday. Separately, because "
             "their situations are different. And I'll write the one-page version of the proposal, the "
             "honest one, on Sunday evening, so that I go into those meetings with something real to show "
             "them instead of a vague idea."),
    (COACH, "What do you want each of them to leave the meeting with?"),
    (CLIENT, "For Dev, that I value what he knows and I want him to shape procurement, if he wants it. For "
             "Saoirse, that this is a chance to lead something across the whole company, not a step back. "
             "And for both of them, that nothing is announced until we've talked it through properly. I'll "
             "give them until Friday to come back to me with questions or concerns."),
    (COACH, "And if one of them reacts badly?"),
    (CLIENT, "Then I'll listen, and I won't try to fix it in the room. That's the hard part for me. I'll "
             "want to offer something to make them feel better, and I need to not do that. I'll say: I hear "
             "that this is hard, and I'd like us to talk again on Thursday once you've had time to think. "
             "That's honest and it doesn't promise anything I can't deliver."),
    (COACH, "That sounds well thought through. What about Rania?"),
    (CLIENT, "My one-to-one with her is on Wednesday. I'll raise the feasibility check idea then. And I'll "
             "tell her I'm talking to Dev and Saoirse before the proposal goes to the leadership team, so "
             "she isn't surprised if it comes up. She likes to know what's happening, and I've been guilty "
             "of only telling her things when they're finished."),
    (COACH, "And the matches and the walks?"),
    (CLIENT, "I'll block all seven matches in my diary today, straight after this call. And the walks, two "
             "o'clock every weekday, fifteen minutes. If I miss one, I miss one, but the default is that I "
             "go. I'll tell my assistant so she stops booking over that slot."),
    (COACH, "How will you know whether these changes are working?"),
    (CLIENT, "If I get to the end of the month with the proposal submitted on time, and Dev and Saoirse "
             "both feel they were part of it, that's the big one. For Rania, if I've flagged at least one "
             "unrealistic date in a meeting rather than afterwards. For home, if I've been at every match. "
             "And for me, if the Friday notes show me something other than what went wrong."),
    (COACH, "On a scale of one to ten, how committed are you to those?"),
    (CLIENT, "The restructure conversations are a ten, because I have to. The matches are a ten because "
             "I want to. Rania is probably an eight, only because I know how fast those meetings move. The "
             "walks and the Friday notes are a seven. They're the first things I'll drop when I get busy, "
             "which is exactly why I need them."),
    (COACH, "What would make the walks and the notes an eight or a nine?"),
    (CLIENT, "Telling someone, I think. If I tell my wife I'm doing the walks, she'll ask me about them. "
             "And if I send you the Friday notes before our next session, then I've got a reason to write "
             "them. Accountability works on me, I just never set it up for myself."),
    # Support and energy: who else is in the system, and what the client needs from them.
    (COACH, "Before we close the plan, I'm curious about who else could support you in this. You've "
            "talked about Dev, Saoirse and the leadership team. Who haven't we mentioned?"),
    (CLIENT, "Priya, the chief executive. I realise I've been treating her as someone I need to impress "
             "rather than someone who could help. She hired me. She must have seen something. But every "
             "time I meet her I bring the good news and hide the messy parts, because I'm worried she'll "
             "regret the decision. Saying it out loud, that's a bit ridiculous. She's the one person whose "
             "job is literally to help me succeed in this role."),
    (COACH, "What would it look like to bring her the messy parts?"),
    (CLIENT, "I'd go into our next one-to-one with the draft restructure, not a polished version, and tell "
             "her where I'm stuck. The reporting lines for the regional teams are the bit I keep going round "
             "in circles on. She ran regions for years. She'd probably solve it in ten minutes. And I'd tell "
             "her that I've been avoiding the conversation with Dev, and ask how she'd handle it. That feels "
             "exposed, but it also feels like relief, if that makes sense."),
    (COACH, "It makes sense. Exposed and relieved at the same time. What's the relief about?"),
    (CLIENT, "Not carrying it alone. I've been acting as if asking for help is a sign I'm not up to it. "
             "But when someone on my team asks me for help, I think better of them, not worse. I never "
             "applied that to myself. It's the same standard, I just didn't notice I had two of them."),
    (COACH, "Two standards, one for them and one for you. What do you want to do with that?"),
    (CLIENT, "Use the one I use for them. I'll book thirty minutes with Priya for next Wednesday and take "
             "the draft as it is. No more rewriting it at midnight before I show anyone."),
    (COACH, "And your energy through all of this? You mentioned walks earlier, and the early calls with "
            "the board chair. How are you looking after yourself while you do the hard things?"),
    (CLIENT, "Badly, if I'm honest. I've stopped running since the promotion. I used to run three mornings "
             "a week and it was where I did my best thinking. Now those mornings are the board calls. I "
             "think I told myself it was temporary, but five months isn't temporary any more."),
    (COACH, "What would you like to be true about your mornings a month from now?"),
    (CLIENT, "Two runs a week, protected. Tuesday and Saturday. The board chair can have Thursday at seven, "
             "that's fine, but not every day. I'm going to ask my assistant to move the standing calls this "
             "week. It's a small thing, but it's the kind of small thing I keep giving away."),
    (COACH, "I notice you said giving away. What do you get back when you protect it?"),
    (CLIENT, "My head. I come back from a run with the problem sorted into pieces. I think half the reason "
             "the restructure has felt impossible is that I haven't had any time where I'm not reacting. "
             "So the runs aren't a luxury. They're part of how I do the job well."),
    (COACH, "That's a different way to see them. Part of the job rather than time away from it. How "
            "confident are you, on a scale of one to ten, that the runs will happen?"),
    (CLIENT, "Seven. Saturday is easy. Tuesday depends on me holding the line with the diary. I'll put it "
             "in as a meeting with myself and treat it like one I can't move."),
    (COACH, "Let's agree that you'll send me the notes before our next session. What else do you want to "
            "make sure we cover before we finish today?"),
    (CLIENT, "I think I just want to say that this changed how I see the problem. I came in thinking I had "
             "a restructure problem and a confidence problem. I'm leaving thinking I have one habit, "
             "protecting everyone including myself from hard conversations, and that the same habit is "
             "behind both. That's a lot more manageable than two big problems."),
    (COACH, "That's a powerful way to see it. One habit rather than two problems. How are you feeling now, "
            "compared with how you arrived?"),
    (CLIENT, "Much calmer. Still a lot to do, and I'm a bit nervous about Monday with Dev. But I know what "
             "I'm doing and why. And honestly, I feel more like myself than I have in months."),
    (COACH, "It's been a real pleasure to watch you work through this today. I'll look forward to your "
            "Friday notes and to hearing how the conversations with Dev and Saoirse go."),
    (CLIENT, "Thank you, Elena. Same time in three weeks?"),
    (COACH, "Same time in three weeks. Good luck on Monday, Marcus."),
]

WORDS_PER_MINUTE = 165  # a brisk but ordinary conversational pace
PAUSE_SECONDS = 2


def long_session_lines() -> list[str]:
    lines, clock = [], 0.0
    for speaker, text in TURNS:
        minutes, secs = divmod(int(clock), 60)
        lines.append(f"[{minutes:02d}:{secs:02d}] {speaker}: {text}")
        clock += len(text.split()) * 60 / WORDS_PER_MINUTE + PAUSE_SECONDS
    return lines
