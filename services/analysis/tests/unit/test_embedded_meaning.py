"""The embedded analyzer reads meaning, not keywords: the cases a coach reading the output
would catch (reported speech, hypotheticals, "I can't believe", names as themes...)."""

from __future__ import annotations

import pytest
from analysis.adapters.analyzers.embedded import analyze_transcript, presence, reading, sentence_features
from analysis.adapters.analyzers.embedded.evidence import quote
from analysis.adapters.analyzers.embedded.sentences import Span
from analysis.adapters.analyzers.embedded.session import build
from analysis.adapters.analyzers.embedded_candidates import EmbeddedCandidates
from contracts.transcript import Transcript, Turn


def talk(*lines: str) -> Transcript:
    """'Coach: ...' / 'Client: ...' lines, or 'Name: ...' with roles left to inference."""
    turns = []
    for line in lines:
        who, _, text = line.partition(": ")
        role = who.lower() if who in ("Coach", "Client") else "unknown"
        turns.append(Turn(speaker=who, role=role, text=text))
    return Transcript(turns=turns)


def actions(t: Transcript) -> list[str]:
    return [a.action for a in analyze_transcript(t).action_items]


def celebrated(t: Transcript) -> str | None:
    """The celebration's description, or None."""
    found = analyze_transcript(t).celebration
    return found.description if found else None


def typed_values(t: Transcript) -> set[tuple[str, str]]:
    """(kind, statement) for each statement quoted: neighbouring ones of a kind share one item."""
    return {(v.type, said) for v in analyze_transcript(t).values_beliefs for said in v.evidence}


def test_a_plan_in_any_wording_is_an_action_item_with_its_timeline():
    result = analyze_transcript(talk(
        "Coach: What will you do before we next meet?",
        "Client: And I'm going to ask Priya to lead the next planning meeting by Friday.",
        "Coach: What else?",
        "Client: Monday morning the email goes out to the whole team.",
        "Coach: And the budget?",
        "Client: Before our next session I'll have talked to Sam about the budget.",
    ))
    by_text = {a.action: a for a in result.action_items}
    assert by_text["I'm going to ask Priya to lead the next planning meeting by Friday."].timeline == "by Friday"
    assert by_text["Monday morning the email goes out to the whole team."].timeline == "Monday morning"
    assert by_text["Before our next session I'll have talked to Sam about the budget."].timeline == "Before our next session"


def test_reported_speech_hypotheticals_and_habits_are_not_commitments():
    found = actions(talk(
        "Coach: How did the meeting go?",
        "Client: My manager said I'll handle the launch, but nobody asked me.",
        "Coach: And the job offer?",
        "Client: If I got the job I would move to Leeds with the kids.",
        "Coach: What happens at weekends?",
        "Client: When I go out I'll have a few drinks with the team, that's normal.",
        "Coach: What did your sister say?",
        'Client: She told me "I will fix it, I promise" and then she did nothing.',
    ))
    assert found == []


def test_plans_in_doubt_thoughts_in_quotes_and_leaving_the_room_are_not_commitments():
    found = actions(talk(
        "Coach: What about the tablets?",
        "Client: To be honest, I'm not even certain I'm going to take the medicine.",
        "Coach: And the walking?",
        "Client: I doubt I'll go to the gym. I'm not sure I'll be able to quit either.",
        "Coach: What gets in the way?",
        'Client: Finding the time to sort of think, "Okay, I\'m gonna go shopping for this and that"-',
        "Coach: It sounds like a lot.",
        "Client: Sorry, I think I'm going to say something I don't want to, so I'm actually going to go.",
        "Coach: Before you go, what will you do?",
        "Client: I'm going to walk to work on Monday and Thursday.",
    ))
    assert found == ["I'm going to walk to work on Monday and Thursday."]


def test_a_coach_suggestion_the_client_does_not_take_up_is_not_an_action():
    result = analyze_transcript(talk(
        "Coach: You should block Friday afternoons for deep work and tell your team tomorrow.",
        "Client: Maybe. I don't know, it's hard with all the meetings.",
        "Coach: You need to try it by next week.",
        "Client: Yeah. We'll see.",
    ))
    assert result.action_items == []
    assert result.intention is None
    missed = {f.pcc_marker.split()[0] for f in result.coach_feedback.missed_opportunities}
    assert {"7.5", "8.5"} <= missed  # advice given, action imposed rather than designed


def test_smart_gaps_are_named():
    items = {a.action: a for a in analyze_transcript(talk(
        "Coach: What's your next step?",
        "Client: I'll book a two-hour handover with Omar on Monday.",
        "Coach: And?",
        "Client: I'm going to sort out some things with the team.",
    )).action_items}
    assert items["I'll book a two-hour handover with Omar on Monday."].missing_smart == []
    vague = items["I'm going to sort out some things with the team."].missing_smart
    assert "time-bound" in vague and "measurable" in vague


def test_answers_to_value_belief_and_obstacle_questions_are_typed_by_the_question():
    found = typed_values(talk(
        "Coach: What would you want your kids to see when things get tight?",
        "Client: A dad who keeps his word even when it costs him.",
        "Coach: And when you picture asking for the raise, what do you tell yourself?",
        "Client: That it's greedy to ask. That I should be grateful for the job I've got.",
        "Coach: What's stopping you from booking the meeting?",
        "Client: The diary is full until March. And honestly I'd feel pushy asking twice.",
    ))
    assert ("Core Value", "A dad who keeps his word even when it costs him.") in found
    assert ("Limiting Belief", "That it's greedy to ask.") in found
    assert ("Limiting Belief", "That I should be grateful for the job I've got.") in found
    assert ("Limiting Belief", "honestly I'd feel pushy asking twice.") in found
    assert not any("diary" in text for _, text in found)  # a fact in the way is no belief


def test_values_and_beliefs_are_found_in_plain_wording_and_typed():
    result = analyze_transcript(talk(
        "Coach: What matters here?",
        "Client: Freedom matters to me more than money, it always has.",
        "Coach: And the finance role?",
        "Client: I'm not a numbers person, so I keep avoiding it.",
        "Coach: What happened with your colleague?",
        "Client: I can't believe he fell asleep in the board meeting.",
        "Coach: What else do you know about yourself?",
        "Client: I know I can do this if I prepare properly.",
    ))
    kinds = {v.evidence[0]: v.type for v in result.values_beliefs}
    assert kinds["Freedom matters to me more than money, it always has."] == "Core Value"
    assert kinds["I'm not a numbers person, so I keep avoiding it."] == "Limiting Belief"
    assert kinds["I know I can do this if I prepare properly."] == "Empowering Belief"
    assert not any("fell asleep" in quote for quote in kinds)


def test_emotional_shift_follows_the_clients_own_state():
    result = analyze_transcript(talk(
        "Coach: How are you arriving?",
        "Client: I still feel like I'm pretending. I'm anxious and honestly exhausted.",
        "Coach: What's underneath that?",
        "Client: I'm scared they'll see I'm out of my depth.",
        "Coach: What do you know about how you got here?",
        "Client: I suppose I was hired because I'm good at this.",
        "Coach: How are you feeling now?",
        "Client: Lighter. I feel clear and actually quite excited about Monday.",
    ))
    shift = result.emotional_shifts[0]
    assert shift.direction == "improved"
    assert shift.initial_state in ("Distressed", "Uneasy") and shift.final_state in ("Positive", "Optimistic")
    assert "I still feel like I'm pretending." in shift.evidence


def test_a_question_about_facts_is_never_powerful():
    result = analyze_transcript(talk(
        "Coach: What are you drinking these days?",
        "Client: Mostly wine, maybe a bottle over a couple of nights, sometimes more at weekends when friends come round.",
        "Coach: What does that tell you about what you want?",
        "Client: That I've been using it to switch off, and I want to find another way to do that. I never saw it that way.",
    ))
    questions = [q.question for q in result.powerful_questions]
    assert "What are you drinking these days?" not in questions
    assert "What does that tell you about what you want?" in questions


def test_names_and_filler_are_never_themes():
    lines = []
    for _ in range(4):
        lines += ["Coach: Tell me more about Priya.",
                  "Client: Priya keeps taking over the delegation of the project work, and Priya never hands it over."]
    themes = analyze_transcript(talk(*lines)).key_themes
    assert 1 <= len(themes) <= 5
    assert not any("priya" in t.lower() for t in themes)
    assert not any(t in ("thing", "stuff", "talk", "lot") for t in themes)


def test_a_hope_is_not_a_celebration_but_a_win_is():
    hoped = analyze_transcript(talk("Coach: Any news?", "Client: I hope I'll get the job next week, fingers crossed."))
    assert hoped.celebration is None
    won = analyze_transcript(talk(
        "Coach: What's happened since we last spoke?",
        "Client: I finally told my manager about the workload and it went really well.",
    ))
    assert won.celebration is not None
    assert "I finally told my manager about the workload and it went really well." in won.celebration.evidence


def test_coach_feedback_quotes_the_coach_and_ties_it_to_pcc_markers():
    t = talk(
        "Coach: What would you like to get from our time today?",
        "Client: Some clarity on whether to take the promotion.",
        "Coach: It sounds like part of you wants it and part of you is tired.",
        "Client: Yes. I'm exhausted, but I also want to grow.",
        "Coach: You feel pulled in two directions.",
        "Client: Exactly, and I hadn't noticed how much the tiredness is driving this.",
        "Coach: What will you do with that?",
        "Client: I'll talk to my partner tonight about what the role would mean for us.",
    )
    result = analyze_transcript(t)
    feedback = result.coach_feedback
    coach_words = " ".join(turn.text for turn in t.turns if turn.role == "coach")
    markers = {f.pcc_marker.split()[0] for f in feedback.strengths}
    assert {"3.1", "6.7", "8.5"} <= markers
    for item in feedback.strengths + feedback.missed_opportunities:
        assert item.evidence and all(quote in coach_words for quote in item.evidence)
    assert feedback.quality_rationale.startswith(result.overall_session_quality)


def test_coach_feedback_does_not_fault_what_the_coach_did_well():
    def missed(*lines: str) -> dict[str, list[str]]:
        fb = analyze_transcript(talk(*lines)).coach_feedback
        return {f.pcc_marker.split()[0]: f.evidence for f in fb.missed_opportunities}

    opening = ("Coach: How have you been since we last spoke?", "Client: Not great. The house is very quiet now.",
               "Coach: That sounds like a big week.", "Client: It was. I keep meaning to sort the paperwork.")
    # asked what the client wanted, and the client was unsure: no outcome agreed, but the coach did ask
    unsure = missed(*opening, "Coach: What would be most useful to talk about today?", "Client: I don't know, honestly.",
                    "Coach: What's on the list?", "Client: The budget, the solicitor, the kids' school forms.",
                    "Coach: Which of those matters most?", "Client: The budget, I suppose. Everything comes back to it.")
    assert "3.1" not in unsure
    assert unsure["3.2"] == ["What would be most useful to talk about today?"]
    # the client set a boundary and the coach respected it: not a concern waved away
    boundary = missed(*opening, "Coach: What would it mean if your sister saw it?",
                      "Client: I don't really want to talk about the credit card.",
                      "Coach: That's fine. Where would you like to go instead?", "Client: The budget itself.",
                      "Coach: What's the first step?", "Client: Opening the spreadsheet.")
    assert "4.3" not in boundary
    # the coach reads back the client's own plan, or makes a suggestion the client turns down: nothing imposed
    recap = missed(*opening, "Coach: What will you do, and when?",
                   "Client: I'll ring the solicitor tomorrow at nine, before work.",
                   "Coach: Let's recap. Ring the solicitor tomorrow at nine. Does that sound right?", "Client: Yes.",
                   "Coach: And book the bank appointment by Friday.", "Client: No, that won't work, the bank can wait.",
                   "Coach: Fair enough.", "Client: Thanks.")
    assert "8.5" not in recap
    # an open question about the client's plan is no advice
    assert "7.5" not in missed(*opening, "Coach: What do you need to do to prepare?", "Client: Print the statements.",
                               "Coach: What else?", "Client: Nothing else, really.")


def test_someone_elses_act_told_as_bad_news_is_no_win():
    result = analyze_transcript(talk(
        "Coach: How have you been since we last spoke?",
        "Client: Not great. Mark moved the last of his things out on Saturday. The house is really quiet now.",
        "Coach: That sounds like a big weekend. What would be most useful to talk about today?",
        "Client: The budget, I suppose. I said I'd sort it and I haven't.",
        "Coach: What got in the way?",
        "Client: I sit down with the laptop and I just stare at it.",
        "Coach: What would the first step be?",
        "Client: Opening the spreadsheet. I know what needs doing.",
    ))
    assert result.celebration is None
    assert "win" not in result.session_summary


def test_a_declined_suggestion_is_no_action_and_an_occasion_dates_the_plan_after_it():
    result = analyze_transcript(talk(
        "Coach: What would you like to leave with today?",
        "Client: A plan for handing the month-end review to Priya.",
        "Coach: Would a sign-off checklist help her?",
        "Client: No, I'll leave the checklist. Priya should build her own, it needs to be hers.",
        "Coach: So what will you do, and when?",
        "Client: We have our one-to-one on Thursday. I will ask her there.",
        "Coach: What could get in the way?",
        "Client: Me, wanting to grab it all back.",
    ))
    items = {a.action: a.timeline for a in result.action_items}
    assert "I'll leave the checklist." not in items
    assert items.get("I will ask her there.") == "on Thursday"
    assert "We have our one-to-one on Thursday." not in items
    assert result.intention is not None and result.intention.behavior_change == "I will ask her there."


def test_a_powerful_question_is_told_by_what_its_answer_voiced():
    result = analyze_transcript(talk(
        "Coach: What would you like to leave with today?", "Client: A way to get the budget done without dreading it.",
        "Coach: What gets in the way, when you sit down with it?",
        "Client: Honestly, I'm not a numbers person. People like me don't do spreadsheets, we never have.",
        "Coach: Where does that idea come from?", "Client: My dad, probably. He always said our lot work with our hands.",
        "Coach: What will you do this week?", "Client: I'll open the spreadsheet on Tuesday night and do the first column.",
    ))
    told = {p.question: p.impact_description for p in result.powerful_questions}
    assert "named a belief that holds them back" in told["What gets in the way, when you sit down with it?"]
    assert "realisation" not in told["What gets in the way, when you sit down with it?"]


def test_a_client_unsure_all_session_is_not_highly_engaged_and_before_we_next_talk_is_a_when():
    result = analyze_transcript(talk(
        "Coach: What would be most useful today?",
        "Client: I don't know. I said I'd sort out the budget last time and I haven't, I just haven't had it in me.",
        "Coach: What got in the way?",
        "Client: Everything, really. I sit down with the laptop and I stare at it and then the evening has gone somewhere.",
        "Coach: What might be possible instead?",
        "Client: I don't know. Maybe at weekends, when the kids are at their dad's, but I don't know if I'd do it.",
        "Coach: What would help?",
        "Client: I'm not sure. My sister could, but I don't want her seeing all of it, it's embarrassing, honestly.",
        "Coach: What will you do?",
        "Client: I'll book an hour with the bank before we next talk, I've been putting it off for weeks now.",
    ))
    assert result.coaching_presence.client_engagement_level != "High"
    assert [a.timeline for a in result.action_items] == ["before we next talk"]


def test_absolutes_said_of_trouble_are_a_pattern_and_pride_is_not():
    def patterns(*client: str) -> list[str]:
        lines = [x for said in client for x in ("Coach: Tell me more.", f"Client: {said}")]
        return analyze_transcript(talk(*lines)).communication_patterns.expression_patterns

    proud = ("I like testing, I am good in this, I find the bugs nobody finds.", "Everyone on the team asks me first.",
             "I always enjoy the release week, to be honest.", "The developers trust me completely now.",
             "We had a good sprint.", "My manager sent me the link on Monday.")
    assert not any(p.startswith("Speaks in absolutes") for p in patterns(*proud))
    sweeping = ("Nothing I do at work is ever good enough.", "Everyone else finds it easy and I never do.",
                "I always mess up the release week.", "Nobody listens to me in stand-up.",
                "We had a long sprint.", "My manager sent me the link on Monday.")
    assert any(p.startswith("Speaks in absolutes") for p in patterns(*sweeping))
    remembered = ("Halina always was getting up at six.", "She never was sitting down before the dishes were done.",
                  "Halina always was making the soup on Sunday.", "He never missed her birthday, not once.",
                  "The day is very long now.", "Marek calls every Sunday.")
    assert not any(p.startswith("Speaks in absolutes") for p in patterns(*remembered))


def test_what_the_client_says_could_get_in_the_way_is_a_barrier():
    result = analyze_transcript(talk(
        "Coach: What would you like to leave with today?", "Client: Whether I apply for the team lead role or not.",
        "Coach: What would help you decide?", "Client: Knowing what my manager sees in me, I think.",
        "Coach: What will you do?", "Client: I will update my CV at the weekend and send everything on the 12th.",
        "Coach: What might get in the way?", "Client: The release. If the release goes bad, I will work late all week.",
        "Coach: And then?", "Client: Then I do it on the Sunday, at the weekend, with coffee.",
    ))
    barriers = [b for g in result.goal_progress for b in g.barriers_identified]
    assert "The release. If the release goes bad, I will work late all week." in barriers


def test_a_summary_says_what_a_plan_the_client_came_for_is_about():
    result = analyze_transcript(talk(
        "Coach: What would you like to get from today?",
        "Client: I want a plan. The kiln keeps cracking pots and the mug orders keep coming.",
        "Coach: What's happening with the kiln?",
        "Client: The kiln is old. Every third firing the kiln cracks something, and the mug orders pile up.",
        "Coach: What matters most here?", "Client: The mug orders, honestly. People wait weeks for their mug orders now.",
        "Coach: What will you do?", "Client: Tonight I'm putting a banner on the shop and pausing the mug orders until May.",
    ))
    assert result.session_summary.startswith("The client came to work on a plan, about the mug order and the kiln.")


def test_goal_progress_agrees_with_the_celebration_and_the_plan():
    result = analyze_transcript(talk(
        "Coach: What would you like to focus on today?",
        "Client: I want to work on delegation, handing work over to my team.",
        "Coach: What's happened with that since we last spoke?",
        "Client: I handed the quarterly report over to Leah and it went really well.",
        "Coach: What's next?",
        "Client: I'll hand over the vendor contracts to Omar on Monday.",
    ))
    goal = result.goal_progress[0]
    assert "delegation" in goal.goal_area
    assert goal.progress_level == "Significant"
    assert result.intention is not None
    assert result.intention.behavior_change in [a.action for a in result.action_items]
    assert result.session_summary.startswith("The client came to work on")


def test_grounded_candidates_are_verbatim_and_labelled():
    t = talk(
        "Coach: What will you do?",
        "Client: I'll call the landlord on Friday about the lease.",
        "Coach: How does that feel?",
        "Client: Lighter, honestly.",
    )
    passages = EmbeddedCandidates().propose(t)
    assert [p.number for p in passages] == list(range(1, len(passages) + 1))
    assert all(p.text in t.turns[p.turn_index].text for p in passages)
    assert any(p.hint.startswith("commitment") and "landlord" in p.text for p in passages)


def test_a_coach_who_steers_is_rated_by_what_the_feedback_found():
    result = analyze_transcript(talk(
        "Coach: How was the week with the new team?",
        "Client: Busy. Two of them are still waiting for proper onboarding and I keep putting it off because the "
        "release is late and everyone is asking me for updates all day long.",
        "Coach: You should block out Friday afternoons for onboarding, that's what works.",
        "Client: Maybe. Fridays are when the release reviews happen though, so I'm not sure that fits here.",
        "Coach: Don't you think the onboarding matters more than the reviews?",
        "Client: I suppose so. It's hard to say no to the reviews when the director runs them himself.",
        "Coach: I'd recommend telling the director you're out. Wouldn't that be the easiest thing?",
        "Client: I guess it would be easier, yes, if he takes it well, which he might not.",
        "Coach: Okay. You'll send him the email by Monday then.",
        "Client: Okay, fine, I can do that on Monday morning before the stand-up starts.",
    ))
    assert result.overall_session_quality == "Needs Improvement"
    assert "advice, explanations or leading suggestions in many turns" in result.coach_feedback.quality_rationale


def test_a_team_win_told_plainly_is_celebrated_and_an_intention_to_share_one_is_not_the_win():
    result = analyze_transcript(talk(
        "Coach: Where would you like to start?",
        "Client: I actually wanted to start with something good. We closed the Harlow account on Tuesday.",
        "Coach: Congratulations. What made the difference?",
        "Client: Honestly, preparing the numbers the night before instead of winging it.",
    ))
    assert result.celebration is not None
    assert result.celebration.description == "We closed the Harlow account on Tuesday."


def test_the_intention_is_the_plan_not_the_steps_that_point_back_at_it():
    result = analyze_transcript(talk(
        "Coach: What will you do with that?",
        "Client: I'm going to ask the finance director for a budget review slot at the March board.",
        "Coach: When?",
        "Client: I'll email her tomorrow morning. And I'll send you a line once it's in the diary.",
    ))
    assert result.intention.behavior_change == (
        "I'm going to ask the finance director for a budget review slot at the March board.")


def test_what_the_client_says_they_take_away_is_a_discovery_however_worded():
    found = [d.insight for d in analyze_transcript(talk(
        "Coach: How was the week?",
        "Client: Long. The rota fell apart twice and I covered both gaps myself.",
        "Coach: What did that cost you?",
        "Client: Sleep, mostly. And patience with the kids.",
        "Coach: As we finish, what are you taking away from today?",
        "Client: That covering every gap is how the gaps keep coming back. I'll raise it on Monday.",
    )).client_discoveries]
    assert "That covering every gap is how the gaps keep coming back." in found


def test_the_clients_own_comparison_at_the_end_decides_the_shift():
    opening = [
        "Coach: How are you arriving today?",
        "Client: Honestly, a bit all over the place. The audit is next week and I keep lying awake going over it.",
        "Coach: What would be most useful to look at?",
        "Client: How I prepare without it eating every evening. I'm tired of it and I'm snapping at everyone.",
        "Coach: What have you tried?",
        "Client: Lists, mostly. Then I redo the lists. It's a mess, I know it is.",
        "Coach: What would a good enough preparation look like?",
        "Client: Two evenings, a checklist from last year, and Priya reviewing the risky bits. That's it.",
    ]
    lighter = analyze_transcript(talk(*opening, "Coach: How are you feeling now, compared with when you arrived?",
                                      "Client: Much lighter. Still a lot to do, but it has edges now."))
    assert [e.direction for e in lighter.emotional_shifts] == ["improved"]
    assert "Much lighter." in lighter.emotional_shifts[0].evidence
    same = analyze_transcript(talk(*opening, "Coach: How are you feeling now, compared with when you arrived?",
                                   "Client: About the same as when I came in, really. Glad to have a plan though."))
    assert same.emotional_shifts == []
    short = analyze_transcript(talk(*opening, "Coach: And how are you now, compared with when we started?",
                                    "Client: Lighter. I came in thinking I had to do all of it alone."))
    assert [e.direction for e in short.emotional_shifts] == ["improved"]
    unasked = analyze_transcript(talk(*opening, "Coach: What will you do first?",
                                      "Client: Ask Priya on Monday. I feel calmer than I did an hour ago, honestly."))
    assert [e.direction for e in unasked.emotional_shifts] == ["improved"]


def test_plans_told_as_dated_facts_or_shared_with_someone_are_commitments_and_timetables_are_not():
    found = set(actions(talk(
        "Coach: What happens with the letter?",
        "Client: It goes to him on Monday morning, before I lose my nerve.",
        "Coach: And the rehearsal?",
        "Client: Sam and I run the hard questions on Thursday, out loud, with a timer.",
        "Coach: The statement?",
        "Client: The statement is on her desk by close of play on the 9th.",
        "Coach: How do you get there?",
        "Client: The bus goes at nine on Monday. The kids go to their dad's on Saturday.",
    )))
    assert found == {"It goes to him on Monday morning, before I lose my nerve.",
                     "Sam and I run the hard questions on Thursday, out loud, with a timer.",
                     "The statement is on her desk by close of play on the 9th."}


def test_standards_set_for_a_kind_of_person_limit_and_norms_about_how_things_ought_to_be_are_values():
    found = typed_values(talk(
        "Coach: What's behind the hesitation?",
        "Client: Nurses are meant to cope, that's how I was trained. Public services should be run in the open.",
        "Coach: Say more.",
        "Client: Teaching doesn't have to be a competition. The rota should be done by Friday.",
    ))
    assert ("Limiting Belief", "Nurses are meant to cope, that's how I was trained.") in found
    assert ("Core Value", "Public services should be run in the open.") in found
    assert ("Core Value", "Teaching doesn't have to be a competition.") in found
    assert not any("rota" in text for _, text in found)  # a dated task is no norm


def test_a_rule_the_client_keeps_where_they_are_in_charge_is_a_value_and_what_nobody_did_is_not():
    found = typed_values(talk(
        "Coach: What would you never give up, whatever the new owners want?",
        "Client: Nobody leaves my shop feeling like a charity case.",
        "Coach: And the phones?",
        "Client: On my calls nobody gets put on hold without me telling them how long.",
        "Coach: How did the last audit go?",
        "Client: Nobody filled the form in.",
    ))
    assert ("Core Value", "Nobody leaves my shop feeling like a charity case.") in found
    assert ("Core Value", "On my calls nobody gets put on hold without me telling them how long.") in found
    assert not any("filled" in text for _, text in found)  # what happened once is no rule


def test_how_the_client_likes_to_be_is_a_value_and_a_task_they_like_is_not():
    found = typed_values(talk(
        "Coach: What did you miss about the ward?",
        "Client: And I like being measured.",
        "Coach: And the paperwork?",
        "Client: I like doing the rota on a Sunday, oddly.",
    ))
    assert ("Core Value", "I like being measured.") in found
    assert not any("rota" in text for _, text in found)


def test_a_value_said_in_two_sentences_is_one_item_that_quotes_both():
    found = analyze_transcript(talk(
        "Coach: What do you make of the new system?",
        "Client: Every child in that building should be known by someone. And I mean known by a person who'd notice.",
        "Coach: What would you like to do about it?",
        "Client: I will ask the head for one hour a week with the class teachers by Friday.",
    )).values_beliefs
    values = [v for v in found if v.type == "Core Value"]
    assert [v.evidence for v in values] == [["Every child in that building should be known by someone.",
                                             "I mean known by a person who'd notice."]]
    assert values[0].description == ("Every child in that building should be known by someone. And I mean known by a "
                                     "person who'd notice.")


def test_suggestions_dressed_as_questions_orders_and_quick_reassurance_are_missed_opportunities():
    result = analyze_transcript(talk(
        "Coach: What's on your mind?",
        "Client: The stock takes are eating my Sundays and I'm dreading this one.",
        "Coach: Could you ask your supplier to do the count?",
        "Client: Maybe, but they charge for it and I don't trust their numbers.",
        "Coach: When I ran a shop we did it quarterly and nobody missed it.",
        "Client: I suppose that might work for some places.",
        "Coach: That's just nerves. You'll send me the new schedule by Wednesday.",
        "Client: Okay.",
    ))
    quoted = {q for f in result.coach_feedback.missed_opportunities for q in f.evidence}
    assert {"Could you ask your supplier to do the count?",
            "When I ran a shop we did it quarterly and nobody missed it.",
            "That's just nerves.",
            "You'll send me the new schedule by Wednesday."} <= quoted


def test_rules_about_a_kind_of_person_are_limiting_beliefs_in_any_clause_and_end_where_the_sentence_ends():
    found = typed_values(talk(
        "Coach: What's in the way?",
        "Client: Good nurses don't get rattled. Engineers don't ask for help, that's the rule I grew up with.",
        "Coach: And the numbers?",
        "Client: Creative people are bad with money, that's how we're wired. Team leaders are supposed to have "
        "the answers, and I don't. If my manager asked me tomorrow why we're behind I'd have nothing.",
        "Coach: What did your old team do?",
        "Client: Designers didn't have budgets back then.",
    ))
    assert ("Limiting Belief", "Good nurses don't get rattled.") in found
    assert ("Limiting Belief", "Engineers don't ask for help, that's the rule I grew up with.") in found
    assert ("Limiting Belief", "Creative people are bad with money, that's how we're wired.") in found
    # "I don't." ends a sentence: the belief is quoted alone, not run into the next one
    assert ("Limiting Belief", "Team leaders are supposed to have the answers, and I don't.") in found
    assert not any("Designers" in text for _, text in found)  # history, not a rule


def test_a_win_the_coach_hails_or_echoes_is_the_celebration_in_whatever_words():
    result = analyze_transcript(talk(
        "Coach: What would you like from today?",
        "Client: I want to work out the next step for the allotment group.",
        "Coach: What happened at the last meeting?",
        "Client: It rained all week. The council gave us the second plot on Tuesday, after two years on the list.",
        "Coach: Two years on the list. What did it take?",
        "Client: Mostly nagging. I kept ringing them.",
    ))
    assert result.celebration is not None
    assert result.celebration.description == \
        "The council gave us the second plot on Tuesday, after two years on the list."


def test_what_the_coach_tests_as_a_belief_or_holds_up_as_a_value_is_typed_by_that():
    found = typed_values(talk(
        "Coach: What's making the decision hard?",
        "Client: The shop has been in the family for forty years. Daughters sell the business, sons keep it going. "
        "That's the rule in our house.",
        "Coach: Whose rule is that?",
        "Client: My grandad's, I think. He started it with one van.",
        "Coach: And what do you want from it now?",
        "Client: I want it to stay a place people trust, not a brand on a sign. Every customer deserves a straight price.",
        "Coach: What's underneath that for you?",
        "Client: My grandad gave credit to half the street in the eighties.",
    ))
    # the coach's "Whose rule is that?" tests the rule, not the pointer to it
    assert ("Limiting Belief", "Daughters sell the business, sons keep it going.") in found
    assert ("Core Value", "I want it to stay a place people trust, not a brand on a sign.") in found
    assert ("Core Value", "Every customer deserves a straight price.") in found
    assert not any("forty years" in text or "grandad" in text for _, text in found)  # narration is neither


# Known miss since the encoder (2026-12-07): the fine-tuned encoder reads "I give the garden whatever is left of the
# day..." as a value, and a value claims the sentence before a discovery. On the 213-session report half the encoder
# took values from
# 0.548 to 0.630 F1 and limiting beliefs from 0.660 to 0.687; strict, so a fix that makes it pass removes the mark.
@pytest.mark.xfail(strict=True, reason="the encoder's reading (see the comment above)")
def test_what_lands_is_a_discovery_when_the_coach_asks_how_it_landed():
    result = analyze_transcript(talk(
        "Coach: What would you like to look at today?",
        "Client: Why the garden never gets started.",
        "Coach: When do you do the shopping?",
        "Client: I give the garden whatever is left of the day after football and the shopping.",
        "Coach: How does that land?",
        "Client: Badly. I'll think about it.",
        "Coach: And the evenings?",
        "Client: I could use the evenings, it's light until nine in June.",
    ))
    insights = {d.insight for d in result.client_discoveries}
    assert "I give the garden whatever is left of the day after football and the shopping." in insights
    # what the client came for is the goal, not something they discovered
    assert "Why the garden never gets started." not in insights


def test_the_start_and_the_now_told_in_one_breath_at_the_end_decide_the_shift():
    session = [
        "Coach: Where do you want to start?",
        "Client: The new intake process. It went live on Monday.",
        "Coach: Good, but the backlog is the real issue. You need to run the triage meeting yourself.",
        "Client: Yes.",
        "Coach: And send me the template by Wednesday.",
        "Client: Will do.",
        "Coach: You just need to be firmer with people.",
        "Client: Right. I came in feeling quite good about the intake, if I'm honest. Now I feel behind on everything.",
    ]
    result = analyze_transcript(talk(*session))
    assert [e.direction for e in result.emotional_shifts] == ["declined"]
    # "behind" is a feeling only when felt: a schedule running behind is not how the client is
    topic = analyze_transcript(talk(*session[:-1], "Client: Right. The backlog is behind by three weeks."))
    assert topic.emotional_shifts == []


def test_closed_questions_are_a_missed_opportunity_shortest_answers_first_and_testing_questions_are_not():
    result = analyze_transcript(talk(
        "Coach: What would you like from today?",
        "Client: To decide about the evening course. I keep going round in circles on it.",
        "Coach: Is it the money?",
        "Client: Partly, it's four hundred pounds and the car needs tyres.",
        "Coach: Do you think you'd enjoy it?",
        "Client: Yes.",
        "Coach: Is that true, or is that what you think you should say?",
        "Client: Honestly? I'd love it. I'm scared I'd be the oldest there.",
        "Coach: Have you talked to your partner?",
        "Client: No.",
    ))
    closed = [f for f in result.coach_feedback.missed_opportunities if f.pcc_marker.startswith("7.6")]
    assert len(closed) == 1
    assert closed[0].evidence[:2] == ["Do you think you'd enjoy it?", "Have you talked to your partner?"]
    assert "Is it the money?" in closed[0].evidence
    assert not any("Is that true" in e for e in closed[0].evidence)  # it tests the client's thinking


def test_a_name_the_tagger_takes_for_a_word_is_never_a_theme():
    themes = analyze_transcript(talk(
        "Coach: What would you like to focus on?",
        "Client: The rota, again. Precious wants Fridays off and the Precious rota problem keeps coming back.",
        "Coach: What makes it keep coming back?",
        "Client: Every time I fix the Precious rota, someone else asks for the same Friday.",
        "Coach: What would fair look like?",
        "Client: A Precious rota that everyone can see, honestly, with the swaps written down.",
    )).key_themes
    assert "rota" in themes
    assert not any("precious" in t for t in themes)


def test_a_hypothetical_is_not_a_discovery_even_in_answer_to_an_evoking_question():
    result = analyze_transcript(talk(
        "Coach: What would you like to think about today?",
        "Client: Whether to take the PhD place or the job in Reading.",
        "Coach: What does your gut tell you?",
        "Client: If they offered me the London office instead of Reading I'd probably just take it and stop thinking.",
        "Coach: What do you notice about that?",
        "Client: I think I've been waiting for someone else to decide for me.",
    ))
    insights = {d.insight for d in result.client_discoveries}
    assert "I think I've been waiting for someone else to decide for me." in insights
    assert not any(i.startswith("If they offered") for i in insights)


def test_a_statement_the_coach_asks_evidence_for_is_a_limiting_belief():
    found = typed_values(talk(
        "Coach: What's in the way of applying?",
        "Client: The panel always picks someone from head office.",
        "Coach: How do you know that?",
        "Client: I suppose I don't, really. It's what everyone says.",
    ))
    assert ("Limiting Belief", "The panel always picks someone from head office.") in found


def test_values_told_as_convictions_are_values():
    said = talk(
        "Coach: What's at the heart of this for you?",
        "Client: Paying people on time. I was brought up to settle what I owe before I buy anything for myself.",
        "Coach: And the supplier who's late?",
        "Client: Quality is a line in the sand for me. I couldn't live with myself if a bad batch went out.",
    )
    found = typed_values(said)
    assert ("Core Value", "I was brought up to settle what I owe before I buy anything for myself.") in found
    assert ("Core Value", "I couldn't live with myself if a bad batch went out.") in found
    # the rules read every conviction as a value; which of them the report keeps is the sentence
    # scorer's call, which weighs that reading with the rest (the line in the sand, answering a
    # question about a supplier, stays under its threshold)
    assert {"Quality is a line in the sand for me.", "I was brought up to settle what I owe before I buy anything for myself.",
            "I couldn't live with myself if a bad batch went out."} <= {
        b.evidence[0] for b in reading.read(said).beliefs_found if b.type == "Core Value"}


def test_a_topic_many_sentences_point_to_is_named_as_a_coach_would():
    themes = analyze_transcript(talk(
        "Coach: What would you like to focus on?",
        "Client: I never ask anyone for help with the accounts. I'd rather stay up till two.",
        "Coach: What happens when you think about asking?",
        "Client: Asking for help feels like admitting I'm behind. My sister offered and I said I was fine.",
        "Coach: What would getting help look like?",
        "Client: Maybe I ask her for an hour on Sunday. Getting help from her wouldn't be the end of the world.",
    )).key_themes
    assert "asking for help" in themes


def test_what_someone_else_announced_or_wrote_is_not_the_clients_commitment():
    found = actions(talk(
        "Coach: What's happened?",
        "Client: Marcus stood up at the all-hands on Thursday and announced we're hiring twenty people by Christmas. "
        "Then the chair emailed that we'll have the plan by Monday.",
        "Coach: What will you do?",
        "Client: I'll write my own plan tonight.",
    ))
    assert found == ["I'll write my own plan tonight."]


def test_the_summary_says_what_the_client_came_for_in_their_words_not_someone_elses():
    result = analyze_transcript(talk(
        "Coach: What would you like to have by the end of our hour?",
        "Client: My boss asked whether I want to be considered for the panel. I want to walk into the next "
        "conversation with him knowing what I actually think.",
        "Coach: What do you think now?",
        "Client: That I'd be good at it, and I'm scared of it.",
        "Coach: What will you do?",
        "Client: I'll tell him on Monday that I'm in.",
    ))
    assert result.session_summary.startswith(
        "The client came wanting to walk into the next conversation with him knowing what they actually think.")


def test_in_team_coaching_the_summary_tells_of_the_group_not_of_one_member():
    lines = [(None, "What would you each like from today's session?"),
             ("Ana", "I'd like to work on how we make decisions as a team. We go round in circles."),
             ("Ben", "For me it's the handovers. Things fall through the cracks between shifts."),
             (None, "What do you notice about how decisions get made right now?"),
             ("Ana", "Honestly, we wait for Ben to decide and then complain about it."),
             ("Ben", "That's fair. I think I've become the bottleneck without meaning to."),
             (None, "What will you each do?"),
             ("Ben", "I'm going to write the handover checklist by Thursday and share it with Ana."),
             ("Ana", "And I'll run the next planning meeting myself on Monday.")]
    summary = analyze_transcript(Transcript(turns=[
        Turn(speaker=who or "Coach", role="client" if who else "coach", text=text) for who, text in lines
    ])).session_summary
    assert summary.startswith("The group came to work on how we make decisions as a team."), summary


def test_a_client_whose_label_changed_mid_call_is_still_one_person_in_the_summary():
    lines = [("Coach", "What would you like to work on today?"),
             ("Sam", "I'd like to work on saying no to my manager. I take on everything he asks."),
             ("Coach", "What happens when you say yes?"),
             ("Sam Reed", "I end up working weekends, and I resent it."),
             ("Coach", "What will you do?"),
             ("Sam Reed", "I'll tell him on Monday that I can't take the migration project."),
             ("Sam", "And I'll block Friday afternoons for my own work.")]
    summary = analyze_transcript(Transcript(turns=[
        Turn(speaker=who, role="coach" if who == "Coach" else "client", text=text) for who, text in lines
    ])).session_summary
    assert summary.startswith("Sam came "), summary


def test_a_transcript_without_a_coach_says_its_coaching_is_not_rated():
    result = analyze_transcript(talk(
        "Sam: I want to record some thoughts after today's meeting. I keep saying yes to everything and it's "
        "burning me out. I'm going to block Friday afternoons for deep work starting this week. And I'll tell "
        "Priya on Monday that I can't take the migration project."))
    assert "no coaching to rate" in result.coach_feedback.quality_rationale
    assert result.session_summary.endswith("No coach spoke, so the coaching is not rated.")
    assert not result.coach_feedback.strengths and not result.coach_feedback.missed_opportunities


def test_a_bare_plan_is_never_a_theme():
    themes = analyze_transcript(talk(
        "Coach: What would you like to focus on?",
        "Client: Cerys money. Cerys thinks the plan is fine and I told Cerys it isn't.",
        "Coach: What's the plan?",
        "Client: Cerys money, again. Cerys says the plan is the plan. The plan is a mess.",
        "Coach: What matters most?",
        "Client: Cerys money. Cerys, money, the plan. I want the plan sorted.",
    )).key_themes
    assert "money" in themes
    assert "plan" not in themes  # a plan of what? a coach names the thing planned
    assert not any("cerys" in t for t in themes)


def test_instructions_and_brush_offs_are_not_reflections_and_a_policy_question_is_not_powerful():
    result = analyze_transcript(talk(
        "Coach: What's on your mind?",
        "Client: A parent who shouts at me in reception. I sat in the car afterwards with my hands shaking.",
        "Coach: Write down every contact you've had with him.",
        "Client: I've got most of it in my emails, the meetings, the phone calls, all of it really.",
        "Coach: What's your school's policy on parental conduct?",
        "Client: Honestly I hadn't thought about it as a formal thing before. If I hand him up the chain it looks "
        "like I've lost control of my year, and I think that scares me more than he does.",
        "Coach: That's nice, but your wellbeing comes first here.",
        "Client: Right. My wellbeing.",
    ))
    reflections = [f for f in result.coach_feedback.strengths if f.pcc_marker.startswith("6.7")]
    assert not any("Write down" in e or "That's nice" in e for f in reflections for e in f.evidence)
    assert "What's your school's policy on parental conduct?" not in {q.question for q in result.powerful_questions}


def test_how_things_already_are_a_span_of_time_and_any_day_of_a_kind_are_not_commitments():
    found = actions(talk(
        "Coach: What's going on?",
        "Client: I still run the Tuesday lunch club. I can't believe I'm crying on a video call on a Wednesday morning. "
        "Mrs Pryce has been asking for two years if she can do more and I keep saying no.",
        "Coach: What will you do?",
        "Client: Tomorrow morning I'm ringing Mrs Pryce about the lunch club.",
    ))
    assert found == ["Tomorrow morning I'm ringing Mrs Pryce about the lunch club."]


def test_the_summary_opens_with_themes_when_the_client_named_no_goal():
    result = analyze_transcript(talk(
        "Coach: What would you like to leave with today?",
        "Client: Something I can actually do. Everybody keeps telling me to rest, like it's a thing you can buy.",
        "Coach: What does rest look like for you?",
        "Client: The parish newsletter goes out late and the lunch club runs without me. The newsletter is the hard part.",
        "Coach: What will you do?",
        "Client: From Monday the newsletter goes to Gareth, and I'll tell the lunch club on Tuesday.",
    ))
    assert result.session_summary.startswith("The client talked mainly about")
    assert "the newsletter" in result.session_summary  # as she said it, not "talked mainly about newsletter"
    assert "newsletter" in result.key_themes  # a theme as a coach lists it
    assert "everybody" not in result.session_summary.lower()


def test_figures_are_not_themes_and_a_vague_answer_is_not_the_goal():
    result = analyze_transcript(talk(
        "Coach: What would you like to focus on today?",
        "Client: The next bit. The CV, really.",
        "Coach: Which is?",
        "Client: Seventy-eight percent on the refresher module, and now the CV. Seventy-eight percent after nine years.",
        "Coach: And the CV?",
        "Client: The CV has a gap. The CV makes me feel sick. I'll rewrite the CV tonight.",
    ))
    assert not any("percent" in t or "seventy" in t for t in result.key_themes)
    assert "next bit" not in result.session_summary


def test_a_limit_the_client_denies_is_never_a_limiting_belief():
    found = typed_values(talk(
        "Coach: What do you make of the four dinners?",
        "Client: It's not too late to change how it feels at home. Last year I thought it was too late for me.",
        "Coach: And now?",
        "Client: Now I think it's too late for me to be the dad who never missed a match, but not to be there now.",
    ))
    assert not any(kind == "Limiting Belief" and "not too late" in text for kind, text in found)


def test_a_strength_the_client_states_plainly_is_an_empowering_belief():
    # the sentence scorer decides empowering beliefs (held-out F1 0.373 against the rules' 0.299)
    found = typed_values(talk(
        "Coach: What do you know about yourself from the last month?",
        "Client: I'm good at calming people down when things go wrong, I really am.",
        "Coach: What else?",
        "Client: I booked the venue on Tuesday and sent the invitations.",
    ))
    assert ("Empowering Belief", "I'm good at calming people down when things go wrong, I really am.") in found
    assert not any("venue" in text for _, text in found)  # what was done is a win, not a belief


def test_a_plan_written_by_speech_to_text_without_apostrophes_is_still_a_plan():
    found = actions(talk(
        "Coach: so what will you do",
        "Client: im going to send the application to hr by friday and tell my manager tomorrow morning",
    ))
    assert found == ["im going to send the application to hr by friday and tell my manager tomorrow morning"]


def test_telling_what_was_tried_is_no_discovery_but_what_the_client_sees_in_it_is():
    result = analyze_transcript(talk(
        "Coach: Where would you like to start today?",
        "Client: My supervisor. He hasn't answered an email in five weeks and my chapter is due in March.",
        "Coach: What have you tried so far?",
        "Client: Two emails, a message on Teams, and I waited outside his office on Tuesday. "
        "He walked past me to the lift, not even a nod.",
        "Coach: What does that tell you?",
        "Client: I've been waiting for permission to carry on, and nobody is going to give it to me. "
        "I've been treating his silence as a verdict on my work.",
        "Coach: What do you want instead?",
        "Client: To write the chapter anyway and send it when it's done, not ask whether I'm allowed to.",
    ))
    found = [said for d in result.client_discoveries for said in d.evidence]
    assert "I've been treating his silence as a verdict on my work." in found
    assert "Two emails, a message on Teams, and I waited outside his office on Tuesday." not in found


def test_a_date_spelt_out_makes_a_plan_an_action_item_with_its_timeline():
    result = analyze_transcript(talk(
        "Coach: What will you do, and by when?",
        "Client: The draft goes to him on the first of March.",
        "Coach: And if the second attempt at the figures fails?",
        "Client: Then I ask Maya on the second day of the conference.",
    ))
    timelines = {a.action: a.timeline for a in result.action_items}
    assert timelines.get("The draft goes to him on the first of March.") == "on the first of March"


def test_a_value_is_quoted_as_the_rule_itself_not_as_the_pointer_to_it():
    found = typed_values(talk(
        "Coach: What would you like to work on today?",
        "Client: Whether to complain about the new discharge leaflets before they go out on Friday.",
        "Coach: What matters to you about the leaflets?",
        "Client: Nobody should leave our ward confused about their own medicine. That's the rule.",
        "Coach: Where does that come from for you?",
        "Client: My gran came home from hospital with six boxes of tablets and no idea which was which. "
        "It's pretty much the only rule I've got.",
        "Coach: What will you do?",
        "Client: I'll email the pharmacy lead tomorrow morning with the three worst examples.",
    ))
    values = {text for kind, text in found if kind == "Core Value"}
    assert values == {"Nobody should leave our ward confused about their own medicine."}


def test_the_summary_tells_the_realisation_the_analyzer_is_surest_of_not_the_first_one():
    result = analyze_transcript(talk(
        "Coach: What would you like to get from today?",
        "Client: I want to stop dreading the next essay before it's even set.",
        "Coach: What do you know about planning that you haven't used on the essays?",
        "Client: Every roundabout from Carlisle to Warrington. "
        "When I plan a run, I know why every stop comes where it does.",
        "Coach: What do you notice when you put those side by side?",
        "Client: So it's not that I'm thick. I've been writing essays without a route.",
        "Coach: What will you do with that?",
        "Client: Sunday morning, seven till ten, kitchen table, I write the plan for the next one.",
    ))
    # the answer to "What do you notice...?" is the realisation, either of its sentences; the roundabouts are not
    assert ("Along the way they saw something new: \"it's not that I'm thick.\"" in result.session_summary
            or "Along the way they saw something new: \"I've been writing essays without a route.\"" in result.session_summary)
    assert "Every roundabout from Carlisle to Warrington." not in {d.insight for d in result.client_discoveries}


def test_how_the_client_leaves_and_what_will_be_happening_are_not_action_items():
    found = actions(talk(
        "Coach: How are you leaving today?",
        "Client: I'm going out feeling like I'm good at this. I'm leaving as someone who designed a screen on "
        "Tuesday and hasn't told anybody.",
        "Coach: And if you take the bootcamp?",
        "Client: I'll be testing till late every night.",
        "Coach: What will you do?",
        "Client: I'm messaging Femi after this call to ask for a slot at the guild on Friday.",
    ))
    assert found == ["I'm messaging Femi after this call to ask for a slot at the guild on Friday."]


def test_the_now_said_against_what_the_client_came_in_expecting_is_the_end_of_the_shift():
    result = analyze_transcript(talk(
        "Coach: What would you like to look at today?",
        "Client: The glamping idea. I'm dreading telling my father, honestly, it makes me feel sick.",
        "Coach: What's the dread about?",
        "Client: He'll think I'm selling out the farm. I feel like a failure even saying it.",
        "Coach: What would he have wanted for the farm?",
        "Client: For it to still be ours in twenty years. The huts would help with that.",
        "Coach: What will you do?",
        "Client: I'll tell him on Sunday after dinner, with the numbers in front of us.",
        "Coach: How are you feeling about that conversation now?",
        "Client: And I think I might actually be looking forward to it, which I didn't expect at all when I sat down.",
    ))
    assert [e.direction for e in result.emotional_shifts] == ["improved"]


def test_sentences_that_only_point_back_are_not_what_the_client_discovered():
    result = analyze_transcript(talk(
        "Coach: What would you like to work on today?",
        "Client: How I run my one-to-ones. I do most of the talking and I jump in with answers.",
        "Coach: What if your job isn't to have the answers, but to help the team find them?",
        "Client: I never thought of it that way. I think my value would come from how well the team thinks "
        "without me. That's what my old boss always modelled.",
        "Coach: What do you notice as you say that?",
        "Client: I've been treating every question as a test of whether I'm good enough to lead.",
        "Coach: What will you do?",
        "Client: I'll ask at least two questions before I offer any advice in Tuesday's one-to-ones.",
    ))
    found = [d.insight for d in result.client_discoveries]
    assert "That's what my old boss always modelled." not in found
    assert 'saw something new: "I never thought of it that way."' not in result.session_summary


def test_the_start_of_an_online_session_is_the_start_of_the_shift():
    result = analyze_transcript(talk(
        "Coach: What would you like from today?",
        "Client: Just to talk through the quarter, really.",
        "Coach: Where are you against the target?",
        "Client: Two deals short, and the board meets in March.",
        "Coach: What does the founder expect?",
        "Client: She put my number on the slide for everyone to see.",
        "Coach: What would help?",
        "Client: Maybe fewer demos and more calls.",
        "Coach: How are you now?",
        "Client: Honestly, when I logged on I was actually quite chuffed about the deal we closed. "
        "Now I feel like I'm miles behind and doing everything wrong.",
    ))
    assert [e.direction for e in result.emotional_shifts] == ["declined"]


def test_a_win_told_when_asked_what_is_working_or_how_it_was_for_them_is_the_celebration():
    working = analyze_transcript(talk(
        "Coach: What would you like from today?",
        "Client: To stop feeling guilty every time I'm not in the surgery.",
        "Coach: What's already working, eight months in?",
        "Client: Well. We passed the inspection in March. No actions.",
        "Coach: Let's stay with that for a second.",
        "Client: It's the first thing I'd show anyone, really.",
    ))
    assert working.celebration is not None
    assert working.celebration.description == "We passed the inspection in March."
    show = analyze_transcript(talk(
        "Coach: Where do you want to start?",
        "Client: The village show. I took sixty jars in September, thinking I'd be bringing most of them home, "
        "and they'd gone by half eleven.",
        "Coach: How was that for you?",
        "Client: Mad. Lovely, but mad.",
    ))
    assert show.celebration is not None
    assert "sixty jars" in show.celebration.description


def test_the_arrival_set_against_the_leaving_is_the_shift_and_leaving_a_job_is_not():
    opening = [
        "Coach: What would you like from today?",
        "Client: The caseload. I'm exhausted, honestly, I'm running on nothing.",
        "Coach: What's the hardest part?",
        "Client: Saying no to my manager. I never do.",
        "Coach: What would you say to him?",
        "Client: That I can take one more case if one goes back.",
        "Coach: What will you do?",
        "Client: Thursday at ten I put the list on his desk.",
        "Coach: How are you leaving?",
    ]
    lift = analyze_transcript(talk(*opening, "Client: I came in on fumes. I'm leaving on a quarter of a tank."))
    assert [e.direction for e in lift.emotional_shifts] == ["improved"]
    drop = analyze_transcript(talk(*opening, "Client: I came in on fumes. I'm leaving more worried, if anything."))
    assert [e.direction for e in drop.emotional_shifts] == ["declined"]
    job = analyze_transcript(talk(*opening[:-1], "Coach: And the team?",
                                  "Client: When I came in on Monday they'd heard. I'm leaving the team in May anyway."))
    assert job.emotional_shifts == []


def test_plans_told_from_where_the_client_will_be_or_from_who_will_hear_it_are_commitments():
    found = set(actions(talk(
        "Coach: What will you do differently?",
        "Client: Monday morning I'm in the lobby at seven.",
        "Coach: And the buyer?",
        "Client: Farrell gets an email by Wednesday.",
        "Coach: And your deputy?",
        "Client: Kasia hears it from me before anyone at the bar does.",
        "Coach: The pages?",
        "Client: Thursday night, the worst three pages I've got go to Tobi.",
        "Coach: How do things stand otherwise?",
        "Client: I'm in a mess on Mondays. She always hears it from me last. He gets a bonus on Friday.",
    )))
    assert found == {"Monday morning I'm in the lobby at seven.", "Farrell gets an email by Wednesday.",
                     "Kasia hears it from me before anyone at the bar does.",
                     "Thursday night, the worst three pages I've got go to Tobi."}


def test_a_vague_promise_the_coach_presses_on_takes_the_when_of_the_answer_or_gives_way_to_it():
    result = analyze_transcript(talk(
        "Coach: What will you do before we next meet?",
        "Client: I'll get the price list done at some point this week.",
        "Coach: When's some point?",
        "Client: Saturday morning, before Eoin's up, with a coffee.",
        "Coach: And the replies?",
        "Client: I'll sort the replies.",
        "Coach: What does sorted look like, and by when?",
        "Client: I'll write every reply myself by Friday week, with my name at the bottom.",
    ))
    items = {a.action: a for a in result.action_items}
    assert set(items) == {"I'll get the price list done at some point this week.",
                          "I'll write every reply myself by Friday week, with my name at the bottom."}
    dated = items["I'll get the price list done at some point this week."]
    assert dated.timeline == "Saturday morning"
    assert "Saturday morning, before Eoin's up, with a coffee." in dated.evidence


def test_a_comparative_feeling_set_against_the_start_decides_the_shift():
    opening = ("Coach: How are you doing?", "Client: Ah, grand. Living the dream, honestly, I'm fine.",
               "Coach: What would you like from tonight?", "Client: I need to decide if I'm doing next season.",
               "Coach: What happened on Sunday?",
               "Client: A dad screamed at me in front of the kids and I laughed it off like always.",
               "Coach: What's landing as you say that?")

    def direction(*ending: str) -> list[str]:
        return [s.direction for s in analyze_transcript(talk(*opening, *ending)).emotional_shifts]

    assert direction("Client: I'm angrier now than when I walked in. Not at you. At him.", "Coach: And next season?",
                     "Client: Don't know. I feel worse than I did at half seven.") == ["declined"]
    assert direction("Client: I'm calmer now than when I walked in, to be honest.", "Coach: And next season?",
                     "Client: Don't know yet, and that's alright.") == ["improved"]


def test_a_deed_the_coach_hands_back_as_news_is_a_win_and_a_regret_handed_back_is_not():
    def win(*lines: str) -> str | None:
        found = analyze_transcript(talk(*lines)).celebration
        return found.description if found else None

    assert win("Coach: How are you arriving today?",
               "Client: Like I'm at the end of the diving board. I handed my notice in on Monday. So it's real now.",
               "Coach: You handed it in.", "Client: I did. Nobody can talk me out of it now.") \
        == "I handed my notice in on Monday."
    assert win("Coach: The good one?", "Client: Oh, did I not say? We had a lovely one on Sunday, five stars.",
               "Coach: That's a long way from where you were.", "Client: It is.") \
        == "We had a lovely one on Sunday, five stars."
    assert win("Coach: How are you arriving today?", "Client: I shouted at my son on Monday.",
               "Coach: You shouted at him.", "Client: Yes.") is None
    assert win("Coach: How are you arriving today?", "Client: Tired. I forgot her birthday again on Sunday.",
               "Coach: You forgot it.", "Client: Yes, and I hate that.") is None


def test_the_session_agreement_is_what_the_client_wants_from_the_hour_not_where_they_start():
    summary = analyze_transcript(talk(
        "Coach: How are you arriving today?",
        "Client: Like a bottle that's been rolling round the boot of a car. Everything at once.",
        "Coach: Where would you like to start?",
        "Client: Farrell, I suppose, because he's the clock. He wants an answer by the 14th.",
        "Coach: So with the 14th sitting there, what would you like to walk out of here with today?",
        "Client: I'd like to know. Just know. Whether I'm selling or not.",
        "Coach: What would knowing look like by the time you leave?",
        "Client: One sentence I actually believe, that I can say to Gavin tonight.",
    )).session_summary
    assert summary.startswith("The client came wanting to know whether they're selling or not.")


def test_news_the_client_opens_with_is_not_the_agreement_that_comes_after_it():
    content = analyze_transcript(talk(
        "Coach: Welcome back. What would you like to focus on today?",
        "Client: I want to start with some good news. I asked Priya to lead the planning meeting, and she ran it well.",
        "Coach: What was that like for you?",
        "Client: Honestly, a relief. I held back and asked two questions before giving any advice.",
        "Coach: What did you notice when you held back?",
        "Client: People came up with better ideas than mine.",
        "Coach: What would you like to work on next?",
        "Client: I want to get better at giving feedback. I tend to avoid it.",
        "Coach: What will you do this week?",
        "Client: I will give Sam honest feedback on his presentation by Thursday.",
        "Coach: Great.",
    ))
    assert content.session_summary.startswith("The client came wanting to get better at giving feedback.")
    assert [g.goal_area for g in content.goal_progress][:1] == ["get better at giving feedback"]


def test_patterns_count_in_plain_words():
    patterns = analyze_transcript(talk(
        "Coach: What happened this week?",
        "Client: I went to the gym twice and I cooked every night.",
        "Coach: And next?",
        "Client: I will keep going.",
    )).communication_patterns
    assert not any(" 1 statements" in p for p in patterns.expression_patterns)


def test_goals_are_what_the_client_named_never_a_lone_noun_from_a_plan():
    result = analyze_transcript(talk(
        "Coach: What would you like to work on?",
        "Client: Going back to work. Properly back. My wife goes full time in September.",
        "Coach: What's the first step?",
        "Client: Tonight, when I get in, I tell Gavin the sentence, before I lose my nerve.",
        "Coach: And then?",
        "Client: I'll ring the agency on Monday about the electrician vacancies.",
    ))
    areas = [g.goal_area for g in result.goal_progress]
    assert areas[0] == "going back to work"
    assert not {"nerve", "sentence", "agency"} & set(areas)
    assert result.session_summary.startswith("The client came to work on going back to work.")


def test_asking_how_the_client_will_know_the_hour_worked_is_contracting_not_a_powerful_question():
    result = analyze_transcript(talk(
        "Coach: What would you like from our time today?",
        "Client: I want a plan for telling the team about the restructure before Friday.",
        "Coach: And how would you know, at the end, that we'd got somewhere on that?",
        "Client: Honestly, I think if I had the first two sentences I'd say to them, written down, I'd feel I could "
        "actually walk in there on Friday and not hide behind the slides, which is what I always do.",
        "Coach: What's the hardest part of saying it?",
        "Client: That some of them will lose their jobs and I knew before they did. I feel like a liar.",
    ))
    asked = "And how would you know, at the end, that we'd got somewhere on that?"
    assert asked not in [p.question for p in result.powerful_questions]
    measures = [s for s in result.coach_feedback.strengths if s.pcc_marker.startswith("3.2")]
    assert measures and any(e in asked for e in measures[0].evidence)


def test_plans_told_as_what_the_client_will_do_or_as_a_dated_present_are_action_items():
    found = actions(talk(
        "Coach: What will you do?",
        "Client: What I'm going to do, actually, is ring Sheila on Saturday.",
        "Coach: And Martin?",
        "Client: Thursday I see Martin, after morning surgery, before his round.",
        "Coach: And the trustees?",
        "Client: Before the trustee meeting on the twelfth, I write one page.",
        "Coach: And the cast?",
        "Client: Half six, dinner break, I give Kofi the act two pages.",
        "Coach: What else comes to mind?",
        "Client: Every Thursday I see my mum. What I'm going to do is a mystery to me, honestly. Now I see it.",
        "Coach: What happened last night?",
        "Client: So I check my phone, and there's an email from Giles sent at half one with new notes.",
    ))
    assert found == ["What I'm going to do, actually, is ring Sheila on Saturday.",
                     "Thursday I see Martin, after morning surgery, before his round.",
                     "Before the trustee meeting on the twelfth, I write one page.",
                     "Half six, dinner break, I give Kofi the act two pages."]


def test_a_pressed_vague_promise_gives_way_to_the_act_the_answer_dates():
    result = analyze_transcript(talk(
        "Coach: So, the talk with Joanna. What's your plan?",
        "Client: I will talk with her soon. When it is calmer, when the bid is finished.",
        "Coach: When is soon?",
        "Client: Hmm. You are going to make me say a day.",
        "Coach: I am.",
        "Client: Okay. Tuesday. After job club, when the room is empty. I ask her for one hour, only us. No phones.",
        "Coach: And Otieno?",
        "Client: I'll talk to him at some point soon.",
        "Coach: \"At some point soon.\" What would make that concrete?",
        "Client: We've got our one-to-one on Thursday the 14th. I'll raise it then, first item.",
    ))
    items = {a.action: a.timeline for a in result.action_items}
    assert items == {"I ask her for one hour, only us.": "Tuesday", "I'll raise it then, first item.": None}


def test_an_answer_to_by_when_that_points_back_at_the_plan_dates_it_instead_of_standing_as_a_plan():
    result = analyze_transcript(talk(
        "Coach: So what will you do before we next meet?",
        "Client: I'm going to ask Priya to lead the planning meeting.",
        "Coach: By when?",
        "Client: I'll do it by Friday.",
        "Coach: And the budget?",
        "Client: I'll email Sam the numbers tomorrow morning.",
        "Coach: When exactly?",
        "Client: I'll have that done by noon.",
    ))
    items = {a.action: a.timeline for a in result.action_items}
    assert items == {"I'm going to ask Priya to lead the planning meeting.": "by Friday",
                     "I'll email Sam the numbers tomorrow morning.": "tomorrow morning"}, items
    assert result.intention.behavior_change == "I'm going to ask Priya to lead the planning meeting."


def test_a_plan_the_coach_asked_the_when_of_is_the_intention_with_the_day_the_answer_names():
    result = analyze_transcript(talk(
        "Coach: What would you like to leave with today?",
        "Client: A decision on the warehouse manager job.",
        "Coach: So where are you with it, yes or no?",
        "Client: All right. I'll apply for it.",
        "Coach: When?",
        "Client: Wednesday night, after tea. I'll have it filled in by then.",
        "Coach: Anything else?",
        "Client: I'll get my boots resoled this week, they're letting in water.",
    ))
    items = {a.action: a.timeline for a in result.action_items}
    assert items.get("I'll apply for it.") == "Wednesday night", items
    assert result.intention.behavior_change == "I'll apply for it.", result.intention
    assert result.intention.evidence == ["I'll apply for it.", "I'll have it filled in by then."], result.intention


@pytest.mark.parametrize(("answer", "when"), [
    ("My plan is to talk to my manager on Monday about the promotion.", "on Monday"),
    ("The next step is to send the proposal to Dan by close of play.", "by close of play"),
    ("I commit to going to the gym three times a week.", "three times a week"),
    ("I'm committed to calling the bank by noon.", "by noon"),
    ("I'll have the rota sorted by the end of Q3.", "by the end of Q3"),
    ("I'll clear the garage before the summer holidays.", "before the summer holidays"),
    ("I'll be speaking to HR on Wednesday.", "on Wednesday"),
    ("Going to speak to HR on Wednesday.", "on Wednesday"),
])
def test_a_plan_said_as_a_plan_or_a_commitment_is_an_action_item_with_its_when(answer, when):
    result = analyze_transcript(talk(
        "Coach: So what will you do before we next meet?",
        f"Client: {answer}",
        "Coach: How do you feel now?",
        "Client: Lighter, actually.",
    ))
    assert {a.action: a.timeline for a in result.action_items} == {answer: when}


def test_a_plan_that_was_is_a_story_and_a_plan_not_to_is_no_step():
    result = analyze_transcript(talk(
        "Coach: What happened with the move?",
        "Client: The plan was to tell my manager on Monday, but she was off sick.",
        "Coach: And now?",
        "Client: I'm not committed to going back to that team next week.",
        "Coach: What will you do this week?",
        "Client: I'll be working late every night this week. Talk about the budget, probably.",
    ))
    assert result.action_items == [], result.action_items


@pytest.mark.parametrize("now", ["Still overwhelmed, to be honest. Nothing's changed.",
                                 "Honestly? Nothing has really shifted.", "Still stuck, if I'm honest."])
def test_a_check_out_that_says_nothing_moved_is_no_shift(now):
    result = analyze_transcript(talk(
        "Coach: How are you arriving today?",
        "Client: I'm overwhelmed. There's too much and I'm dreading Monday.",
        "Coach: What's underneath that?",
        "Client: I think I'm scared of letting the team down.",
        "Coach: What would help?",
        "Client: Maybe talking to Ravi. He's good at this stuff and he's calm.",
        "Coach: How are you feeling now, compared to when we started?",
        f"Client: {now}",
    ))
    assert result.emotional_shifts == [], result.emotional_shifts


@pytest.mark.parametrize("news", ["I got the job!", "We got the funding.", "I got a yes from the board."])
def test_what_the_client_went_for_and_got_is_the_win_and_a_hope_is_not(news):
    opening = ("Coach: Welcome back. What's been happening since we last met?", f"Client: {news}",
               "Coach: How does that feel?", "Client: Honestly, pretty good.")
    result = analyze_transcript(talk(*opening, "Coach: What would you like to focus on today?", "Client: The next step."))
    assert result.celebration is not None and result.celebration.description == news, result.celebration
    hoped = analyze_transcript(talk("Coach: Welcome back. What's been happening since we last met?",
                                    "Client: I'm hoping to get the promotion next month.", "Coach: How does that feel?",
                                    "Client: Nervous."))
    assert hoped.celebration is None, hoped.celebration


def test_the_intention_is_the_plan_the_session_built_to_not_a_step_sharing_a_small_word_with_the_goal():
    result = analyze_transcript(talk(
        "Coach: What would you like to get out of our time today?",
        "Client: I want to figure out whether to go back to full-time after my maternity leave.",
        "Coach: So where does that leave the decision?",
        "Client: I want to propose four days, with Fridays off.",
        "Coach: What will you do, and by when?",
        "Client: I'll draft the proposal this weekend and send it to Karen on Monday.",
        "Coach: What might get in the way?",
        "Client: Me chickening out. So I'll tell my husband tonight that I'm doing it, so I can't back out.",
    ))
    assert result.intention.behavior_change == "I'll draft the proposal this weekend and send it to Karen on Monday."


def test_the_room_s_own_business_is_no_action_item():
    result = analyze_transcript(talk(
        "Coach: Hi, come in. How are you?",
        "Client: Hiya. I'll keep my coat on a minute, I've come straight from the yard. I'll just turn my camera off.",
        "Coach: What would you like to work on?",
        "Client: Whether I put in for the office job.",
        "Coach: What will you do?",
        "Client: I'll ring Alan in the morning and ask for the form.",
    ))
    assert [a.action for a in result.action_items] == ["I'll ring Alan in the morning and ask for the form."]
    daily = analyze_transcript(talk("Coach: So what will you do before we next meet?",
                                    "Client: I'll spend a minute each morning writing down three things I did well."))
    assert [a.timeline for a in daily.action_items] == ["each morning"], daily.action_items


def test_a_check_out_that_keeps_the_start_but_turns_on_a_but_is_a_shift_and_a_plain_same_is_none():
    opening = ("Coach: How are you arriving today?",
               "Client: Exhausted, honestly. Like a kettle left on the hob, all the water boiled away, just the metal ticking.",
               "Coach: What would you like from today?", "Client: One thing in the week that's mine.",
               "Coach: What's in the way?", "Client: Him. The house. Me, probably.",
               "Coach: What could be yours?", "Client: Tuesday mornings, if the day centre takes him.")

    def direction(*ending: str) -> list[str]:
        return [s.direction for s in analyze_transcript(talk(*opening, *ending)).emotional_shifts]

    assert direction("Coach: How are you leaving, compared with the kettle you came in as?",
                     "Client: Still the kettle. But somebody's poured a cup of water back in.") == ["improved"]
    assert direction("Coach: How are you leaving, compared with the kettle you came in as?",
                     "Client: Still the kettle. But now it's cracked as well, and I'm frightened of it.") == ["declined"]
    assert direction("Coach: How are you leaving, compared with the kettle?",
                     "Client: Same. Still the kettle. I came in tired, I go out tired. But I know what Tuesday is.") == []
    assert direction("Coach: How are you leaving?", "Client: Less of a kettle on the hob.") == ["improved"]
    assert direction("Coach: How are you leaving?",
                     "Client: I came in like a fighter who's lost on the cards. I'm leaving like somebody with her "
                     "hands wrapped.") == ["improved"]


def test_a_measure_taken_at_the_start_and_again_at_the_end_gives_the_shift_and_its_way():
    def opening(scale: str, given: str) -> tuple[str, ...]:
        return ("Coach: How are you arriving today?",
                "Client: Like a shaken can of pop. The review is on Thursday and I keep rehearsing it.",
                f"Coach: {scale}", f"Client: {given}",
                "Coach: What would you like from today?", "Client: To walk into Thursday with one thing to say.",
                "Coach: What's the one thing?", "Client: That the twelve weeks were the plan, not a failure.",
                "Coach: What else?", "Client: That I'd like the staff role to be on the table by spring.")

    def direction(start: tuple[str, ...], *ending: str) -> list[str]:
        return [s.direction for s in analyze_transcript(talk(*start, *ending)).emotional_shifts]

    sure = opening("Out of ten, how ready do you feel for Thursday?", "Honestly? A two.")
    assert direction(sure, "Coach: You came in at a two. Where's that now?", "Client: Funnily enough, about a six.") == ["improved"]
    assert direction(sure, "Coach: Let's go back to the scale. Where are you now?", "Client: Seven. Maybe seven and a half.") \
        == ["improved"]
    assert direction(sure, "Coach: And where are you now, one to ten?", "Client: One. And I came in at two, so.") == ["declined"]
    # a measure of something bad is better lower
    dread = opening("Out of ten, how anxious are you about Thursday?", "Nine, easily.")
    assert direction(dread, "Coach: You came in at a nine out of ten. Where are you now?", "Client: About a four.") \
        == ["improved"]
    # told in one breath, unasked
    assert direction(sure, "Coach: Anything else before we stop?",
                     "Client: When I logged on, maybe two out of ten. Now eight.") == ["improved"]
    assert direction(sure, "Coach: And on that same 1 to 10 scale?", "Client: A 7. Maybe six and a half. But up.") \
        == ["improved"]
    # a number that is no measure is no shift
    assert direction(sure, "Coach: You came in with one thing. Where is it now?", "Client: It's one of three now.") == []


def test_a_check_out_answer_that_moves_without_than_is_a_shift():
    opening = ("Coach: How are you arriving today?",
               "Client: Like a shaken can. Everything's fizzing and I'm scared to open it.",
               "Coach: What would you like from today?", "Client: To know whether I'm asking for the staff role or not.",
               "Coach: What's in the way?", "Client: Me, mostly. I keep waiting to feel ready.",
               "Coach: What would ready look like?", "Client: Someone else saying it first, probably.")

    def direction(*ending: str) -> list[str]:
        return [s.direction for s in analyze_transcript(talk(*opening, *ending)).emotional_shifts]

    assert direction("Coach: How are you leaving, compared to the shaken can?",
                     "Client: Less fizzy. Like somebody opened it slowly. I feel steadier.") == ["improved"]
    assert direction("Coach: How are you leaving, compared to the shaken can?",
                     "Client: Shakier, if anything. I'm more worried than ever.") == ["declined"]
    # the same, leaning down; the same but clearer is the same
    assert direction("Coach: And how are you feeling now, compared with when we started?",
                     "Client: About the same. Maybe a bit worse, honestly, now I've said it all out loud.") == ["declined"]
    assert direction("Coach: How are you leaving, compared to when you came in?", "Client: Same, but clearer.") == []
    # the now is quoted, not the start it is set against
    told = analyze_transcript(talk(*opening, "Coach: What's different?",
                                   "Client: When I came in, it felt like I was holding up the ceiling with both arms. "
                                   "Now it's more like I've got one arm free, and I feel calmer."))
    assert told.emotional_shifts[0].evidence[-1] == "Now it's more like I've got one arm free, and I feel calmer."
    # hurt, but less than broken: the leaving is set against the arrival, not read alone
    assert direction("Coach: How are you leaving, compared to when you sat down?",
                     "Client: I came in thinking I was broken. I think I'm going out as someone who got hurt.") \
        == ["improved"]
    assert direction("Coach: How are you leaving, compared to when you sat down?",
                     "Client: I came in thinking I was a bit behind. I'm leaving feeling terrified, honestly.") == ["declined"]


def test_a_closed_question_is_not_powerful_however_long_the_answer():
    result = analyze_transcript(talk(
        "Coach: Did you go to the gym on Monday?",
        "Client: No. And honestly, I think I've realised I only go when I'm running away from something at home, "
        "which is a strange thing to notice about myself, I never saw it like that before.",
        "Coach: What does that tell you about what the gym is for?",
        "Client: That it's been an escape, not exercise. I guess I want it to be something I choose, not somewhere I hide.",
    ))
    questions = [q.question for q in result.powerful_questions]
    assert "Did you go to the gym on Monday?" not in questions
    assert "What does that tell you about what the gym is for?" in questions


def test_a_start_set_against_an_untold_now_and_a_lift_denied_are_drops():
    opening = ("Coach: What would you like from today?",
               "Client: Pricing. The sale on the high street came through on Monday, which was nice.",
               "Coach: What's the plan for the next month?",
               "Client: Twelve valuations. Seven instructions. Then we'll see.",
               "Coach: Seven's doable. Lead with the fee, people respect confidence.",
               "Client: Okay. Maybe. I'm a bit tired of chasing people, to be honest.",
               "Coach: Great. Same time in two weeks?")

    def direction(ending: str) -> list[str]:
        return [s.direction for s in analyze_transcript(talk(*opening, f"Client: {ending}")).emotional_shifts]

    # the start told, the now not: the contrast says it moved away from the start
    assert direction("Sure. I felt alright about the sale coming in. Now I just feel like I'm five behind.") == ["declined"]
    # "feels like" is no liking: the start's tone ("won something") is the end that is told
    assert direction("Bit of a comedown. I came in feeling like I'd won something, and now it feels like I'm "
                     "behind.") == ["declined"]
    # "not better" denies a lift
    assert direction("I feel worse about asking than I did an hour ago, not better.") == ["declined"]
    assert direction("I came in worried about the month. Now I feel like I know what to do.") == ["improved"]


def test_an_amount_or_a_conjunction_is_never_a_theme():
    themes = analyze_transcript(talk(
        "Coach: What would you like to look at today?",
        "Client: Time off, or the lack of it. I haven't had a night off in a couple of nights, well, months really.",
        "Coach: What does a night off give you?",
        "Client: A couple of nights a month would do it. The lack of rest is the problem, honestly.",
        "Coach: What's stopping you taking a couple of nights?",
        "Client: The pub. There's nobody else. The pub needs me every night and the staffing is thin.",
        "Coach: What would staffing look like if it worked?",
        "Client: Two people I trust behind the bar, so the pub runs without me.",
    )).key_themes
    assert "staffing" in themes
    assert not any(t.split()[0] in ("couple", "or", "lack") for t in themes), themes


def test_a_time_of_day_or_a_season_is_never_a_theme():
    themes = analyze_transcript(talk(
        "Coach: What would you like to work on?",
        "Client: My afternoons. Every afternoon I lose to email, and the whole summer went the same way.",
        "Coach: What happens in the afternoon?",
        "Client: The afternoon fills with email, and the report waits. All summer the report waited.",
        "Coach: What would a good afternoon look like?",
        "Client: One afternoon a week for the report, no email, before the summer is over.",
    )).key_themes
    assert not {"afternoon", "summer"} & set(themes), themes


def test_the_intention_is_the_first_plan_pinned_to_a_time_not_the_last_thing_said():
    result = analyze_transcript(talk(
        "Coach: What would you like from today?",
        "Client: To finally sort out my hours. I've been doing five long days and it's wrecking me.",
        "Coach: What would a good outcome look like?",
        "Client: Four days, with Fridays off, without feeling guilty about it.",
        "Coach: So what will you do?",
        "Client: I'm going to ask Dana for Fridays off at our one-to-one on Tuesday.",
        "Coach: What else might help?",
        "Client: I'll tell my sister on Sunday, she'll keep me honest about it.",
        "Coach: What will you do to make the Fridays off stick?",
        "Client: I'll clear my desk every Thursday so there's nothing hanging over my Fridays off.",
    ))
    assert result.intention is not None
    assert result.intention.behavior_change == "I'm going to ask Dana for Fridays off at our one-to-one on Tuesday."
    assert len(result.action_items) == 3


def test_experience_and_regret_told_in_the_past_are_no_win():
    def win(line: str):
        result = analyze_transcript(talk(
            "Coach: What would you like to focus on today?",
            "Client: Whether to keep the bar going another year or sell up.",
            "Coach: What makes it hard to decide?",
            f"Client: {line}",
        ))
        return result.celebration.description if result.celebration else None

    assert win("I've done every Friday and Saturday night for eleven years.") is None
    assert win("I lost my temper at the gala. I can't believe I did it in front of everybody.") is None
    assert win("I've done it! The accounts are filed, two weeks early.") is not None


def test_the_goal_is_told_of_the_client_in_the_third_person_and_fillers_leave_no_words_glued():
    result = analyze_transcript(talk(
        "Coach: What would you like to get from our time today?",
        "Client: I think I want to figure out how to get caught up without, like, working every night.",
        "Coach: What makes that hard?",
        "Client: Everything moved while I was on leave. I'll ask Theo for two pairing sessions tomorrow.",
    ))
    assert result.session_summary.startswith(
        "The client came to work on how to get caught up without working every night."), \
        result.session_summary
    result = analyze_transcript(talk(
        "Coach: What would you like to focus on?",
        "Client: So I guess I want to figure out whether I'm actually going to apply for my manager's job.",
        "Coach: What's in the way?",
        "Client: I keep thinking I'm not qualified enough. I'll email the director tomorrow to ask about it.",
    ))
    goal = result.goal_progress[0].goal_area
    assert "they're actually going to apply" in goal and "their manager's job" in goal, goal
    assert " I'm " not in result.session_summary.split(".")[0], result.session_summary


def test_quotes_drop_a_later_sentences_fillers_but_keep_words_that_carry_meaning():
    said = "Oh, god. Okay, so, I asked why we used it. No one told me. So much lighter now. So it's not that I'm thick."
    turn = build(talk("Client: " + said)).turns[0]

    def quoted(sentence: str) -> str:
        start = said.index(sentence)
        return quote(turn, Span(start, start + len(sentence), sentence))

    assert quoted("Okay, so, I asked why we used it.") == "I asked why we used it."
    assert quoted("No one told me.") == "No one told me."
    assert quoted("So much lighter now.") == "So much lighter now."
    assert quoted("So it's not that I'm thick.") == "it's not that I'm thick."


def test_a_greeting_is_never_a_powerful_question():
    result = analyze_transcript(talk(
        "Coach: It's been a while, how are you?",
        "Client: Honestly? Kind of awful. I feel like I've forgotten how to do my job and I just wanted to disappear "
        "in standup on Tuesday, I'm sure they're all wondering why they kept my seat warm.",
        "Coach: What does committed mean to you?",
        "Client: I mean, I know what I think it should mean. Doing good work and caring about the people. "
        "I guess I've been measuring it in hours, which is not the same thing at all.",
    ))
    asked = {q.question for q in result.powerful_questions}
    assert not any("how are you" in q for q in asked), asked


def test_a_plan_the_client_tells_having_said_before_is_not_a_commitment():
    found = actions(talk(
        "Coach: How did you handle it?",
        "Client: Not great. Like, I said, I'll do protein for now, and he said okay, chef, and that was it.",
        "Coach: And what will you do now?",
        "Client: I'm going to give the protein order back to Luis starting this Monday.",
    ))
    assert found == ["I'm going to give the protein order back to Luis starting this Monday."]


def test_a_long_win_is_quoted_at_the_part_the_coach_gives_back():
    result = analyze_transcript(talk(
        "Coach: Tell me about those four months.",
        "Client: Yeah, so, it was, I was covering for her, I ran the budget meetings, I handled the, there was a "
        "whole thing with a Joint Commission visit, and we came through it with zero findings on our units, which, "
        "honestly, that was a big deal, and I restructured the weekend staffing for two of the units.",
        "Coach: Zero findings. How does that fit with not qualified enough?",
        "Client: I guess it doesn't, really.",
    ))
    assert result.celebration is not None
    assert result.celebration.description.startswith("we came through it with zero findings"), \
        result.celebration.description


def test_praise_reassurance_and_verdicts_are_not_reflections():
    transcript = talk(
        "Coach: What's on your mind?",
        "Client: I landed a big client last month and I still quoted them my old rate, I always do that.",
        "Coach: Good for you.",
        "Client: Thanks. But I undercharge everyone, and Deborah keeps asking for extras for free.",
        "Coach: You don't owe her free work though.",
        "Client: I know, I know. It just feels like saying what I'm worth as a person.",
        "Coach: You're worth it.",
        "Client: Maybe. I've been doing this nine years and I still feel like I'm guessing at prices.",
        "Coach: So the number feels like a verdict on you, not on the work.",
        "Client: Yes. That's exactly it.",
    )
    session = build(transcript)
    reflected = [presence._reflection(session, turn) for turn in session.coach_turns]
    assert [r for r in reflected if r] == ["the number feels like a verdict on you, not on the work."]


def test_what_the_client_starts_doing_whenever_something_happens_is_a_habit_not_a_plan():
    found = actions(talk(
        "Coach: What's it like on the days you're updating your CV?",
        "Client: Oh, it's exciting. I start thinking about the staffing model across all four units and how we "
        "could actually fix the float pool.",
        "Coach: What will you do with that?",
        "Client: I'll start drafting the cover letter on Sunday.",
    ))
    assert found == ["I'll start drafting the cover letter on Sunday."]


def test_a_reaction_to_the_coachs_words_is_not_a_discovery():
    found = {d.insight for d in analyze_transcript(talk(
        "Coach: What would you like from today?",
        "Client: To stop feeling like a fraud at work since I came back from leave.",
        "Coach: Before you left, what was your role on the team?",
        "Client: I was tech lead on the payments integration. We shipped it on time, which never happens.",
        "Coach: So the person who led that is the one sitting in standup now.",
        "Client: When you put it like that. I guess the tools changed, I didn't forget how to think.",
        "Coach: What do you make of that?",
        "Client: That I'm not as behind as I feel, and that I don't have to catch up alone.",
    )).client_discoveries}
    assert "When you put it like that." not in found, found


def test_a_win_told_as_one_outranks_a_deed_told_warmly_and_a_real_win_is_hailed():
    result = analyze_transcript(talk(
        "Coach: Before you left, what was your role on the team?",
        "Client: It went well, actually. We shipped it on time, which never happens here.",
        "Coach: And this week?",
        "Client: Okay, so, I asked why we were using a fan-out pattern for the notifications instead of just, "
        "like, batching them.",
        "Coach: What happened then?",
        "Client: The architect said it was a fair point, which I didn't expect at all.",
    ))
    assert result.celebration.description == "We shipped it on time, which never happens here."
    result = analyze_transcript(talk(
        "Coach: How were the last two weeks?",
        "Client: I told my brother about the new menu and it was a lovely, warm, happy evening.",
        "Coach: And Luis?",
        "Client: He did the produce order two weeks in a row, by himself, and caught the tomato price rise.",
        "Coach: That's a real win. Let's stay with it for a moment.",
        "Client: It means it can work without me.",
    ))
    assert "produce order" in result.celebration.description, result.celebration.description


def test_steps_said_without_i_in_answer_to_the_coachs_asking_are_action_items_with_their_when():
    found = analyze_transcript(talk(
        "Coach: What would you like to leave with?",
        "Client: A decision about orgo. Whether I drop it before Friday.",
        "Coach: What's the first step?",
        "Client: Tomorrow after lab, email Dr Osei. Ask for fifteen minutes before Friday.",
        "Coach: And the tutoring center?",
        "Client: Sign up online. Takes like two minutes.",
        "Coach: When?",
        "Client: Tonight. Before bed.",
        "Coach: What did you do last time it got hard?",
        "Client: Stopped going. Hid in the library.",
    )).action_items
    assert [(a.action, a.timeline) for a in found] == [
        ("Tomorrow after lab, email Dr Osei.", "Tomorrow"), ("Ask for fifteen minutes before Friday.", "before Friday"),
        ("Sign up online.", "Tonight")]


def test_a_wish_is_not_an_action_item():
    found = actions(talk(
        "Coach: What would you like to do with the shop?",
        "Client: I'd love to get the sourdough back on the menu one day. I'd quite like to change the opening hours.",
        "Coach: What will you do this week?",
        "Client: I'm going to ask Dele to open on Monday so I can start at seven.",
    ))
    assert found == ["I'm going to ask Dele to open on Monday so I can start at seven."]


def test_a_priority_said_as_caring_more_is_a_value_and_someone_elses_position_is_not_the_clients():
    found = typed_values(talk(
        "Coach: What's the pressure from the board?",
        "Client: The thing is, the board has been really clear that they want structural savings, not one-time "
        "stuff. And Greg's argument is that labor is sixty-two percent of our costs, so you can't be serious "
        "without touching it.",
        "Coach: What's underneath wanting to keep the float pool?",
        "Client: Rosa, floated three times in one shift. Honestly, I care more about the night staff than the "
        "bond rating.",
    ))
    assert ("Core Value", "Honestly, I care more about the night staff than the bond rating.") in found, found
    assert not any("board" in text or "Greg" in text for _, text in found), found


def test_a_thought_broken_off_is_no_discovery_and_how_the_client_is_is_no_goal():
    result = analyze_transcript(talk(
        "Coach: So how's everything going, and what do you want to work on today?",
        "Client: Um, hi. Okay, I guess. It's -- probably similar. The team stuff, still.",
        "Coach: What's really going on with the rewriting?",
        "Client: We do have tests. It's not really about the --",
        "Coach: Scope creep, classic. What else?",
        "Client: It wasn't really scope creep, it was more -- I think the reason I keep rewriting their code is that "
        "I never actually explained what I wanted properly in the first place.",
    ))
    assert not any(d.insight in ("It's not really about the", "It wasn't really scope creep, it was more")
                   for d in result.client_discoveries), result.client_discoveries
    assert not result.session_summary.startswith("The client came to work on okay"), result.session_summary


def test_three_questions_in_one_breath_are_stacked_never_powerful():
    result = analyze_transcript(talk(
        "Coach: What would you like from today?",
        "Client: I keep ending up redoing my team's work at night, rewriting their pull requests.",
        "Coach: Okay, so what do you want, and why do you want it, and what's stopping you from getting it?",
        "Client: Uh. Which -- sorry, which one first? I guess I want to stop, because I'm exhausted and I think "
        "the real reason is I never explained what I wanted in the first place.",
    ))
    assert not result.powerful_questions, result.powerful_questions
    stacked = [f for f in result.coach_feedback.missed_opportunities if "Several questions at once" in f.observation]
    assert stacked, result.coach_feedback.missed_opportunities


def test_a_win_the_coach_gives_back_counts_though_the_week_around_it_was_hard():
    result = analyze_transcript(talk(
        "Coach: Has anything felt, even a little bit, okay in the last few weeks?",
        "Client: Saturday, maybe. Marco was off sick, and Janine doesn't do Saturdays, and I honestly thought about "
        "just putting a sign on the door. But I didn't. I opened the shop on my own on Saturday. And I didn't cry.",
        "Coach: You opened the shop on your own.",
        "Client: I did. It's not a big thing.",
    ))
    assert result.celebration is not None and result.celebration.description == (
        "I opened the shop on my own on Saturday."), result.celebration


def test_a_win_imagined_is_no_win_and_coming_top_is_one():
    win = celebrated(talk(
        "Coach: If you dropped it, what would this semester look like?",
        "Client: Twelve credits. Probably I'd feel relieved for like a week and then I'd feel like I quit.",
        "Coach: What else do you know about yourself as a student?",
        "Client: I mean, I got a 91 on the last lab report. Highest in my section, actually.",
    ))
    assert win is not None and "Highest in my section" in win, win


def test_a_session_about_what_the_client_charges_is_themed_pricing():
    themes = analyze_transcript(talk(
        "Coach: What would you like to work on?",
        "Client: My rates. I undercharge everyone, and I quoted them my old day rate again last month.",
        "Coach: What happens when you think about raising your rates?",
        "Client: I panic. If I start charging more, I'm scared the referrals dry up.",
        "Coach: And the new client?",
        "Client: I never even talked about pricing with them, I just sent the number I always send.",
    )).key_themes
    assert "pricing" in themes, themes


def test_a_coach_who_solves_the_problem_through_leading_questions_is_rated_as_steering():
    # every suggestion is a question ("Have you thought about...?", "Couldn't you just...?"), none says
    # "you should": the rating still counts them as the coach's answers, not the client's
    result = analyze_transcript(talk(
        "Coach: What would you like to get out of today?",
        "Client: Honestly I need to sort out the cash flow before January, the big order doesn't pay for sixty "
        "days and I'm scared I can't cover wages.",
        "Coach: Okay, so have you thought about invoice factoring?",
        "Client: I looked at it, the fees are huge, it would eat most of the margin on the order, so no, not really.",
        "Coach: Couldn't you just ask them for a deposit up front?",
        "Client: Maybe, but they're my biggest customer and I don't want to look desperate, it took me two years "
        "to land them.",
        "Coach: What if you tried a small price increase on the online shop?",
        "Client: I suppose, but people already say the mugs are expensive and I don't want to lose the regulars.",
        "Coach: And couldn't you cut Jonah's hours back until February?",
        "Client: No, he's got a baby on the way, I'm not doing that to him, that's not who I want to be as an "
        "employer.",
        "Coach: Have you considered a small business loan from the bank?",
        "Client: I haven't called them, I've been putting it off for weeks because I hate asking for money.",
        "Coach: Right, so what about getting a bookkeeper in for a few hours a month?",
        "Client: That costs money too, and I'd still have to look at the numbers, which is the thing I avoid.",
        "Coach: Okay, well, have you thought about one of those forecasting apps?",
        "Client: Maybe. I'll look at it. I don't know.",
        "Coach: Great. So when will you call the bank?",
        "Client: Thursday, I guess.",
    ))
    assert result.overall_session_quality == "Needs Improvement"
    assert "leading suggestions in many turns" in result.coach_feedback.quality_rationale
    leading = [f for f in result.coach_feedback.missed_opportunities if f.pcc_marker.startswith("4.4")]
    assert leading and leading[0].observation.startswith("7 leading questions")
    assert "so have you thought about invoice factoring?" in leading[0].evidence  # after "Okay, so"


def test_the_goal_is_what_the_client_came_for_not_where_they_start_or_what_someone_else_wants():
    begins = analyze_transcript(talk(
        "Coach: Great. So. What would you like to focus on today?",
        "Client: Um. So. Okay, the headline is I'm thinking about leaving teaching. Again.",
        "Coach: Different how, this time?",
        "Client: It's there in the good lessons now, not just on Sunday nights.",
        "Coach: Where would you like to start?",
        "Client: Context, I guess. Eleven years. Secondary English.",
        "Coach: Mm-hm.",
        "Client: I teach less than I used to, and the teaching is the bit I actually like.",
    ))
    assert begins.session_summary.startswith("The client came to work on leaving teaching."), begins.session_summary

    theirs = analyze_transcript(talk(
        "Coach: So what would you like to focus on today?",
        "Client: I've got one possible job, the Hendersons, they want their back garden redone, and I've been "
        "sitting on the quote for two weeks.",
        "Coach: So what would you like to walk away with today?",
        "Client: I guess... a date. And have a plan to actually send it.",
        "Coach: What's been stopping you?",
        "Client: Fear, mostly. If they say no, then it's real that nobody wants this.",
    ))
    assert "back garden" not in theirs.session_summary.split(".")[0], theirs.session_summary
    assert theirs.session_summary.startswith("The client came to work on"), theirs.session_summary


def test_an_hour_worth_having_is_asked_as_contracting():
    result = analyze_transcript(talk(
        "Coach: Hi. Good to see you.",
        "Client: You too. It's been a strange couple of weeks at work, honestly.",
        "Coach: If this hour turned out to be really useful, what would you walk away with?",
        "Client: I want to know whether I'm asking for the promotion or not.",
        "Coach: What makes that hard to know?",
        "Client: Every time I picture asking, I hear my old boss telling me I'm not ready.",
    ))
    assert "whether they're asking for the promotion" in result.session_summary.split(".")[0], result.session_summary
    assert any(s.pcc_marker.startswith("3.1") for s in result.coach_feedback.strengths)


def test_a_runner_s_fears_habits_and_goal_are_not_plans_beliefs_or_values():
    result = analyze_transcript(talk(
        "Coach: So what would you like to work on today?",
        "Client: The comeback, basically.",
        "Coach: What would you like to be different by the end of our conversation?",
        "Client: I want a way to actually run without being in my head the whole time.",
        "Coach: What's important to you about that?",
        "Client: Because running's where I go to not think.",
        "Coach: What's the worst thing the proof could tell you?",
        "Client: That I'm going to lose another five months.",
        "Coach: What happens before a race?",
        "Client: [laughs] I usually start by stalking the entry list and working out who I can beat.",
        "Coach: And what feels possible now?",
        "Client: [laughs] Honestly? I'll go back to the Sunday runs. The easy group.",
    ))
    acts = {a.action: a.timeline for a in result.action_items}
    assert "That I'm going to lose another five months." not in acts
    assert acts.get("I'll go back to the Sunday runs.", "missing") is None  # the runs' name, not a date
    typed = {(v.type, v.description) for v in result.values_beliefs}
    assert not any("without being in my head" in d for t, d in typed if t == "Core Value")
    assert not any(t == "Empowering Belief" and "who I can beat" in d for t, d in typed)
    assert not any(d.startswith("[") for _, d in typed)


def test_what_the_client_is_there_for_is_a_value():
    typed = typed_values(talk(
        "Coach: What keeps you in the classroom?",
        "Client: Teaching a room full of fourteen-year-olds to care about a poem. That's the whole reason I got into "
        "this.",
        "Coach: Mm.",
        "Client: And the kids nobody expects anything from, they're the ones I'm actually there for.",
    ))
    values = {d for t, d in typed if t == "Core Value"}
    assert any("the whole reason I got into" in d for d in values), typed
    assert any("the ones I'm actually there for" in d for d in values), typed


def test_the_answer_to_what_s_important_is_a_value_and_the_answer_to_what_to_cover_is_not():
    typed = typed_values(talk(
        "Coach: What's most important for us to get out of today?",
        "Client: Working out whether I say yes to the charity job.",
        "Coach: And what's important to you in all this?",
        "Client: I believe people can change. I've seen lads everyone wrote off end up coaching the under-elevens.",
    ))
    values = {d for t, d in typed if t == "Core Value"}
    assert "I believe people can change." in values, typed
    assert not any("charity job" in d for d in values), typed


@pytest.mark.parametrize("question", [
    "Why is that important to you?", "What are you not willing to compromise on?", "What do you care most about here?",
    "What's the value underneath that?", "What makes that matter so much?", "What sort of manager do you want to be?",
    "What do the afternoons give you?", "What would make it worth it?",
])
def test_the_answer_to_a_values_question_in_any_common_wording_is_a_value(question):
    typed = typed_values(talk(
        "Coach: What would you like to work on today?",
        "Client: Whether I take the team lead job.",
        f"Coach: {question}",
        "Client: Being in the room before things get decided.",
    ))
    assert ("Core Value", "Being in the room before things get decided.") in typed, typed


@pytest.mark.parametrize("question", [
    "What are you making that mean?", "What assumptions are you making?", "What does your inner critic say?",
    "What might stop you?", "What's really stopping you?", "What keeps you from doing it?",
])
def test_the_answer_to_a_belief_or_obstacle_question_in_any_common_wording_is_a_limiting_belief(question):
    typed = typed_values(talk(
        "Coach: What would you like to work on today?",
        "Client: Putting my name forward for the regional role.",
        f"Coach: {question}",
        "Client: I'm not a finisher.",
    ))
    assert ("Limiting Belief", "I'm not a finisher.") in typed, typed


@pytest.mark.parametrize("challenge", ["Who told you that?", "What evidence do you have for that?",
                                       "What if that were not true?"])
def test_a_statement_the_coach_challenges_in_any_common_wording_is_a_limiting_belief(challenge):
    typed = typed_values(talk(
        "Coach: What would you like to work on today?",
        "Client: Putting my name forward for the regional role. Regional roles go to the ones with degrees.",
        f"Coach: {challenge}",
        "Client: Nobody, I suppose. It's just what everyone says.",
    ))
    assert ("Limiting Belief", "Regional roles go to the ones with degrees.") in typed, typed


@pytest.mark.parametrize("question", ["And what do you say, in your own voice?", "What do you say back to it?",
                                      "What would you say back to that voice?"])
def test_what_the_client_says_back_to_their_critic_is_not_the_limiting_belief(question):
    typed = typed_values(talk(
        "Coach: What's on your mind today, Omar?",
        "Client: The offer from the agency. They want an answer by Friday and I'm completely torn.",
        'Coach: What would you like to have by the end of our conversation?',
        "Client: A decision. Or at least knowing which way I'm leaning and why.",
        'Coach: Tell me about the two options.',
        "Client: Stay at the council, where I've been nine years, safe, pension, I know everyone. Or go to the agency, more money, proper creative work, but it's a startup really, forty people, and they lost a big client last year.",
        'Coach: When you imagine saying yes to the agency, what happens in your body?',
        'Client: My chest sort of lifts. Then my stomach drops. Excitement and then fear, straight after each other.',
        'Coach: And saying no?',
        "Client: Relief. And then this heavy, flat feeling. Like I've closed a door I'll be looking at for years.",
        "Coach: What's the fear about?",
        "Client: Money, mostly. We've got the mortgage and Zara's starting nursery. If the agency folds, we're in trouble. My parents came here with nothing and my dad always told me, never give up a secure job. I can hear him saying it.",
        f"Coach: {question}",
        "Client: That I'm not my dad. I've got savings, I've got skills people pay for. If it folded I'd find something else within a couple of months. I actually believe that.",
        'Coach: What would the flat feeling cost you, if you stayed?',
        "Client: Honestly, I think I'd stop liking my work. I already dread Mondays a bit. I became a designer because I love making things that people actually notice, and at the council I make forms.",
        'Coach: What matters most to you in this decision?',
        "Client: Doing work I'm proud of. And not putting my family at risk. Those two are pulling against each other.",
        'Coach: Is there a way they could both be true?',
        "Client: If I negotiated a bit. Ask for a three-month notice clause, or check their finances properly. Talk to Zara's mum about what buffer we'd need. Then it's not reckless, it's a calculated risk.",
    ))
    assert not any(t == "Limiting Belief" and "not my dad" in d for t, d in typed), typed


# Known miss since the encoder (2026-12-07): the fine-tuned encoder reads "If I do it myself, I know it's right." as
# a value rather than a limiting belief. On the 213-session report half the encoder took values from
# 0.548 to 0.630 F1 and limiting beliefs from 0.660 to 0.687; strict, so a fix that makes it pass removes the mark.
@pytest.mark.xfail(strict=True, reason="the encoder's reading (see the comment above)")
def test_after_the_client_denies_a_belief_the_coach_tested_their_revised_view_is_not_a_limiting_belief():
    typed = typed_values(talk(
        "Sarah: Okay, we're recording. So, James, last time you said you wanted to work on delegation. How's that been going?",
        "James: Badly, if I'm honest. I tried handing the quarterly report to Aisha and then I rewrote half of it at eleven o'clock at night.",
        "Sarah: What happened at eleven o'clock?",
        "James: I looked at her draft and it just wasn't how I'd do it. The structure was different. So I thought, it's quicker if I just fix it.",
        'Sarah: Was it wrong, or was it different?',
        "James: Different. It was actually fine. The numbers were right. She'd even caught an error in my forecast from last quarter.",
        'Sarah: What do you notice about that?',
        "James: That I'm the bottleneck. Everyone's waiting on me and I keep saying I'm too busy, but I'm making myself busy.",
        'Sarah: What does rewriting her work give you?',
        "James: Control, I suppose. If I do it myself, I know it's right. My first boss used to say, if you want something done properly, do it yourself. I've lived by that for twenty years.",
        'Sarah: And is it still true for you now?',
        "James: Not at this level. I've got eleven people. I can't do it all myself. And Aisha's going to leave if I keep doing this. She's ambitious. She told me in her review she wants more ownership.",
    ))
    assert not any(t == "Limiting Belief" and "all myself" in d for t, d in typed), typed
    assert any(t == "Limiting Belief" and "I know it's right" in d for t, d in typed), typed


def test_not_for_people_like_me_is_a_limiting_belief_and_not_too_late_is_not():
    typed = typed_values(talk(
        "Coach: What would you like to work on today?",
        "Client: Putting my name forward for the regional role.",
        "Coach: What are you telling yourself?",
        "Client: It's not for people like me.",
        "Coach: And what else?",
        "Client: Maybe it's not too late to change that.",
    ))
    assert ("Limiting Belief", "It's not for people like me.") in typed, typed
    assert not any(t == "Limiting Belief" and "too late" in d for t, d in typed), typed


@pytest.mark.parametrize("tag", ["you know what I mean?", "right?", "if that makes sense?"])
def test_a_belief_said_with_a_tag_question_on_the_end_is_still_a_belief(tag):
    said = f"I'm not the kind of person who pushes back, {tag}"
    typed = typed_values(talk(
        "Coach: What happens when you think about saying no to him?",
        f"Client: I freeze. {said}",
        "Coach: Whose rule is that?",
        "Client: My dad's, probably.",
    ))
    assert ("Limiting Belief", said) in typed, typed


def test_a_discovery_says_what_was_found_not_only_that_something_landed():
    result = analyze_transcript(talk(
        "Coach: What would you like to work on today?",
        "Client: Why I dread the Monday meeting.",
        "Coach: What if the meeting isn't the problem, but what you promise in it?",
        "Client: Huh. I hadn't really thought of it like that.",
        "Coach: What do you notice now?",
        "Client: I keep promising things in that meeting to look useful, and then I spend the week paying for it.",
    ))
    insights = [d.insight for d in result.client_discoveries]
    assert not any(i.startswith(("Huh", "I hadn't")) for i in insights), insights
    short = analyze_transcript(talk(
        "Coach: What would you like to work on today?", "Client: Why I dread the Monday meeting.",
        "Coach: What if the meeting isn't the problem, but what you promise in it?", "Client: Huh. Nobody's asked me that.",
        "Coach: How are you leaving?", "Client: Fine."))
    assert "asked me that" not in short.session_summary, short.session_summary


def test_the_goal_keeps_the_client_s_hyphens():
    result = analyze_transcript(talk(
        "Coach: What would you like to get out of our time today?",
        "Client: I want to figure out whether to go back to full-time after my maternity leave.",
        "Coach: What's making it a hard call?",
        "Client: Money, mostly. But I love the afternoons with Noah.",
    ))
    assert "full-time" in result.session_summary, result.session_summary
    assert any("full-time" in g.goal_area for g in result.goal_progress), result.goal_progress


def test_what_the_client_never_thought_is_their_own_view_not_words_reported():
    result = analyze_transcript(talk(
        "Coach: What would you like to work on?",
        "Client: Saying yes to every callout and then working till midnight.",
        "Coach: What if the two-days rule you wrote for the crew was also for you?",
        "Client: Huh. I've never thought of a rule as being for me, I always think of them as for everyone else.",
        "Coach: What do you make of that?",
        "Client: That I protect everybody's time but mine.",
    ))
    insights = " ".join(d.insight for d in result.client_discoveries)
    assert "never thought of a rule as being for me" in insights, insights


# Known miss since the encoder (2026-12-07): the fine-tuned encoder reads "I'd rather talk to Nia first" as a value
# (3 of the tuning half's labelled values are such preferences: "I'd rather get my team sorted first."). On the
# 213-session report half the encoder took values from
# 0.548 to 0.630 F1 and limiting beliefs from 0.660 to 0.687; strict, so a fix that makes it pass removes the mark.
@pytest.mark.xfail(strict=True, reason="the encoder's reading (see the comment above)")
def test_a_preference_of_order_or_circumstance_is_no_value_and_one_that_weighs_two_things_is():
    typed = typed_values(talk(
        "Coach: Who will you tell first?",
        "Client: I'd rather talk to Nia first, she knows me better than anyone.",
        "Coach: And if Dom doesn't want you at the quiz?",
        "Client: If Dom doesn't want me there I'd rather just stop going.",
        "Coach: What does that say about you?",
        "Client: I'd rather be fair than liked, that's always been me.",
    ))
    values = {d for t, d in typed if t == "Core Value"}
    assert "I'd rather be fair than liked, that's always been me." in values, typed
    assert not any("Nia first" in d or "stop going" in d for d in values), typed


def test_the_answer_to_who_told_you_that_is_no_belief():
    typed = typed_values(talk(
        "Coach: So, um, what would you like to focus on today?",
        "Client: Yeah, so, um, I think, like, the main thing is my manager. Like, I, I never say no to him, you know?",
        "Coach: What happens when you think about saying no?",
        "Client: Um, I guess I, I kind of freeze. Like, I'm not, I'm not the kind of person who, who pushes back, you "
        "know what I mean?",
        "Coach: Who told you that?",
        "Client: Huh. Nobody, I guess. I mean, my dad, maybe. He always said, like, keep your head down.",
        "Coach: What's important to you here?",
        "Client: I mean, honestly? Like, being respected. Being, um, treated like an adult, you know?",
    ))
    assert not any(d.startswith("Nobody") for _, d in typed), typed


def test_a_quote_never_opens_on_a_transcriber_s_note():
    result = analyze_transcript(talk(
        "Coach: What was going on for you, sitting in the car?",
        "Client: [long pause] Angry, I think. But also sort of flat.",
        "Coach: Angry.",
        "Client: [laughs] I feel like a fraud, to be honest. I'm not a real writer.",
    ))
    quotes = [e for v in result.values_beliefs for e in v.evidence] + [
        e for s in result.emotional_shifts for e in s.evidence]
    assert quotes and not any(q.startswith(("[", "(")) for q in quotes), quotes


def test_a_brother_s_holiday_met_with_wow_is_no_win_and_a_stack_without_and_is_no_powerful_question():
    result = analyze_transcript(talk(
        "Coach: What are we working on?",
        "Client: It's still Mum. She doesn't sleep much now, so I don't sleep much, and I'm still trying to do three "
        "days at the practice.",
        "Coach: Go on.",
        "Client: And my brother -- Keith -- he's supposed to help. He said he'd do weekends. And he did, for like a "
        "month. And then he just -- I can't believe he just booked a holiday. Two weeks in Lanzarote.",
        "Coach: Wow. Okay. So Keith's not pulling his weight. What do you want from Keith, what's stopping you asking "
        "him, and have you actually told him how you feel?",
        "Client: Um. I -- which one -- I want him to just see it, I suppose. I've never said it out loud to him, not "
        "once, and I think I've been waiting for him to work it out on his own.",
        "Coach: So what's your role, and what's theirs, and where's the overlap?",
        "Client: Honestly I think I've made it all my role, and I'm realising I never asked him for anything specific.",
    ))
    assert result.celebration is None, result.celebration
    assert not any(p.question.startswith("So what's your role") for p in result.powerful_questions)
    assert not any("still trying" in a.action for a in result.action_items), result.action_items
    assert not any(p.question.startswith("What do you want from Keith") for p in result.powerful_questions)


def test_a_liked_manager_is_no_win_and_a_plan_foreseen_to_fail_is_no_plan():
    result = analyze_transcript(talk(
        "Coach: What would a good manager do here?",
        "Client: I mean... okay, when I think about the managers I actually liked. My first lead, Gemma. She let me "
        "break stuff in staging and then sat with me afterwards.",
        "Coach: And the nights?",
        "Client: I want to say no code after seven. But honestly I'll break that in a week. So I'm not going to "
        "promise that one.",
    ))
    assert result.celebration is None, result.celebration
    assert not any("break that" in a.action for a in result.action_items), result.action_items


def test_of_two_wishes_the_goal_is_the_one_that_names_what_it_is_about():
    result = analyze_transcript(talk(
        "Coach: So what do you want to get out of today?",
        "Client: I guess -- I want to stop feeling like this? I want some kind of handle on it. I want to know I'm "
        "not going to run out of money in January.",
        "Coach: Talk me through the numbers.",
        "Client: The big order is signed, but they pay at sixty days, so I don't see a penny till February.",
    ))
    first = result.session_summary.split(".")[0]
    assert "run out of money in January" in first, result.session_summary


def test_a_win_told_with_a_time_word_instead_of_a_past_tense_is_celebrated():
    win = celebrated(talk(
        "Coach: Before we start, anything good since we last spoke?",
        "Client: Yes. Last month I pass the unvented hot water course. I have the certificate now, on the wall in "
        "kitchen.",
        "Coach: Congratulations. What did that take?",
        "Client: Many evenings. My wife help me with the English in the book.",
    ))
    assert win is not None and "pass the unvented" in win, win


def test_a_time_word_in_someone_elses_clause_does_not_make_waiting_a_plan():
    result = analyze_transcript(talk(
        "Coach: What's kept it stuck?",
        "Client: I'm waiting for him to give me an opening, and he's waiting for me to turn up in the office one "
        "Monday and start signing things. Neither of us is ever going to move.",
        "Coach: So what will you do?",
        "Client: I'm telling him on Sunday, after the roast, in the back room.",
    ))
    assert not any("waiting" in a.action for a in result.action_items), result.action_items
    assert any("telling him on Sunday" in a.action for a in result.action_items), result.action_items
    assert result.intention is not None and "telling him on Sunday" in result.intention.behavior_change


def test_a_session_said_in_plain_words_still_gets_two_themes():
    result = analyze_transcript(talk(
        "Coach: What would you like to work on?",
        "Client: The apprentice. One year I am talking about an apprentice and I do nothing.",
        "Coach: What's in the way of the apprentice?",
        "Client: My English. When I explain, my English is small, and the apprentice will laugh.",
        "Coach: How did you learn the trade?",
        "Client: My father show me with his hands. No words. He watch my hands, I watch his hands.",
        "Coach: And what does that tell you?",
        "Client: Maybe hands are more important than English for an apprentice.",
    ))
    assert len(result.key_themes) >= 2, result.key_themes


def test_reporting_back_to_the_coach_is_not_an_action_item():
    result = analyze_transcript(talk(
        "Coach: So what will you do, and by when?",
        "Client: On Friday I call him. Tonight I write the answer in my own words.",
        "Coach: Anything else?",
        "Client: I will tell you how it goes. And I'll email you the answer on Saturday.",
    ))
    found = [a.action for a in result.action_items]
    assert any("On Friday I call him" in a for a in found), found
    assert not any("tell you how it goes" in a or "email you" in a for a in found), found


def test_a_meeting_dated_by_a_spelt_out_day_keeps_its_whole_date_and_the_day_is_no_theme():
    result = analyze_transcript(talk(
        "Coach: What do you want to have happened by the meeting on the fourteenth?",
        "Client: The fourteenth is the vote on the council money. Everyone on the committee has a side about the money.",
        "Coach: And you?",
        "Client: At the meeting on the fourteenth I'm going to say where I stand on the money, out loud, as chair.",
        "Coach: What else about the fourteenth?",
        "Client: The fourteenth scares me, honestly. The committee might split over the money.",
    ))
    timelines = {a.action: a.timeline for a in result.action_items}
    assert timelines.get("At the meeting on the fourteenth I'm going to say where I stand on the money, out loud, "
                         "as chair.") == "At the meeting on the fourteenth", timelines
    assert not any("fourteenth" in t for t in result.key_themes), result.key_themes


def test_what_the_client_would_turn_into_is_not_a_plan():
    found = actions(talk(
        "Coach: What happens if you just follow the process?",
        "Client: HR will give me a script, and I'll read it, and I'll become slide nineteen.",
        "Coach: So what will you do instead?",
        "Client: Tomorrow I write to Siobhan.",
    ))
    assert not any("become" in a for a in found), found
    assert "Tomorrow I write to Siobhan." in found, found


def test_a_line_drawn_from_a_date_on_is_a_commitment_and_wanting_to_work_something_out_is_the_agenda():
    result = analyze_transcript(talk(
        "Coach: What would you like to use today for?",
        "Client: That's sort of why I'm here. I want to work out what I actually want my job to be now the money's "
        "in, because right now my job is mostly writing code at one in the morning.",
        "Coach: So what will you do?",
        "Client: From Monday I don't review anyone's pull requests after six. From Monday I don't know what happens, "
        "though.",
    ))
    found = [a.action for a in result.action_items]
    assert "From Monday I don't review anyone's pull requests after six." in found, found
    assert not any("work out" in a or "don't know" in a for a in found), found


def test_a_verb_in_quotation_marks_never_makes_a_plan():
    found = actions(talk(
        "Coach: How were you planning to tell him?",
        "Client: I was going to go on Thursday with my head down, like, \"Sorry Graham, I have to leave, my partner "
        "has a job.\" Like asking for forgiveness.",
        "Coach: And now?",
        "Client: Thursday I go to Graham with a proposal, not a question.",
    ))
    assert found == ["Thursday I go to Graham with a proposal, not a question."], found


def test_feelings_foreseen_vague_promises_past_days_and_notes_to_the_coach_are_not_plans_but_a_dated_line_is():
    found = actions(talk(
        "Coach: What will you do before we next speak?",
        "Client: Thursday night I'm already thinking about the M1 at one in the morning. When Marcus argues, "
        "I'll want to slap it down. I'll do it soon, honestly. I'll sort the website out at some point.",
        "Coach: And what will you actually do?",
        "Client: Tonight I'm not opening the laptop. Nia gets told tonight over tea. I'll flick you a text after. "
        "Hannah rang on Monday, the choir in Truro still wants me for December.",
    ))
    assert "Tonight I'm not opening the laptop." in found, found
    assert "Nia gets told tonight over tea." in found, found
    assert not any("thinking about the M1" in a or "slap it down" in a or "do it soon" in a or "flick you" in a
                   or "Hannah rang" in a or "website" in a for a in found), found


def test_a_win_told_plainly_between_worries_is_the_celebration():
    assert celebrated(talk(
        "Coach: What would you like to work on today?",
        "Client: The parent complaint. It's been eating me all week.",
        "Coach: Before we go there, how's the squad?",
        "Client: Last month all six of my boys passed their county grade. Six from six. And then this letter arrives.",
        "Coach: What's in the letter?",
        "Client: That I shout. That I'm too hard on them.",
    )) == "Last month all six of my boys passed their county grade."


def test_the_goal_in_the_summary_is_never_cut_off_mid_clause_nor_loses_the_word_it_is_about():
    for answer, goal in (
        ("I want to know whether I'm actually going for it or whether I'm going to wait another year.",
         "The client came wanting to know whether they're actually going for it."),
        ("I want to know how to say no to Nigel. Without losing the account.",
         "The client came wanting to know how to say no to Nigel."),
        # "what" hangs from "say": spaCy's subtree gives "I'm going what to say", which read "goingwhat"
        ("I want to know what I'm going to say to him on Thursday.",
         "The client came wanting to know what they're going to say to him on Thursday."),
        # twelve words, not twelve tokens ("Thursday's", "I'm" are one word each), and the phrase never
        # ends on a verb whose complement it cut off ("... or whether they're going")
        ("I want to walk into Thursday's business meeting knowing what I'm going to say, and not just going in hot.",
         "The client came wanting to walk into Thursday's business meeting knowing what they're going to say."),
        ("I want to know whether I'm actually going for it, or whether I'm just going for it because it's next.",
         "The client came wanting to know whether they're actually going for it."),
        # the words before a goal are not the goal ("came to work on like, the number", "on maybe just to ...")
        ("I genuinely don't know. Like, the number.", "The client came to work on the number."),
        ("Honestly, I'm not sure. Maybe just to close it off properly.",
         "The client came wanting to close it off properly."),
        # "came to work on whether", never "on if"
        ("I need to decide if I carry on refereeing next season.",
         "The client came to work on whether they carry on refereeing next season."),
    ):
        summary = analyze_transcript(talk(
            "Coach: What would you like to get out of our session today?",
            f"Client: {answer}",
            "Coach: What's the first step?",
            "Client: I'll write it down tonight.",
        )).session_summary
        assert summary.startswith(goal), summary


def test_a_client_quoting_someone_reads_in_single_quotes_inside_the_prose_and_verbatim_in_the_evidence():
    said = "I just realised I keep saying \"I'm fine\" to Sam when I'm not fine at all."
    insight = analyze_transcript(talk(
        "Coach: What would you like to get out of our session today?",
        "Client: I want to work out how to get my Fridays back from the project.",
        "Coach: What do you notice when you look at the last month?",
        f"Client: {said}",
        "Coach: What will you do, and by when?",
        "Client: I'll ask Sam for Fridays back on Monday morning.",
    ))
    shown = "\"I just realised I keep saying 'I'm fine' to Sam when I'm not fine at all.\""
    assert shown in insight.session_summary, insight.session_summary
    assert '""' not in insight.session_summary
    answers = [q.client_response_summary for q in insight.powerful_questions]
    assert f"The client answered: {shown}" in answers, answers
    assert [d.evidence for d in insight.client_discoveries] == [[said]]


def test_a_goal_guessed_from_the_first_answer_is_a_goal_area_only_where_the_plan_is_about_it():
    # "What would you like to focus on?" answered with a story: its first words are a guess at the goal,
    # and "sister rang last night" is no area of progress for the coach to track
    result = analyze_transcript(talk(
        "Coach: What would you like to focus on today?",
        "Client: My sister rang last night and the whole evening went sideways after that.",
        "Coach: What happened?",
        "Client: She wants me to host Christmas again and I said yes before I thought about it.",
        "Coach: What would you like to try?",
        "Client: I'm going to agree a phone basket with my daughter on Sunday.",
    ))
    areas = [g.goal_area for g in result.goal_progress]
    assert areas and not any("sister" in a for a in areas), areas


def test_feedback_counts_read_as_english_one_leading_question_carries_advice_given_once():
    result = analyze_transcript(talk(
        "Coach: What would you like to get out of today?",
        "Client: I want to work out how to tell my team the launch is slipping without them losing heart.",
        "Coach: Have you thought about just telling them straight at stand-up?",
        "Client: Maybe. I'm worried they'll hear it as my failure, and honestly part of me thinks it is.",
        "Coach: You should put it in writing first, then talk it through with them.",
        "Client: I suppose. I'd rather say it to their faces though, that's how I'd want to hear it.",
        "Coach: What would saying it to their faces give you?",
        "Client: That they see I'm not hiding. I think that's the thing that matters to me most here.",
        "Coach: When will you do it?",
        "Client: I'll tell them at Monday's stand-up, first thing.",
    ))
    said = [f.observation for f in result.coach_feedback.missed_opportunities + result.coach_feedback.strengths]
    assert not [s for s in said if "(s)" in s or "question that carry" in s], said
    leading = [s for s in said if "leading question" in s]
    assert leading == ["A leading question that carries the coach's answer."], said
    assert [s for s in said if s.startswith("Gave advice")] == [
        "Gave advice once instead of drawing out the client's own ideas."], said


def test_the_objects_in_the_story_are_not_its_themes():
    themes = analyze_transcript(talk(
        "Coach: What would you like to work on today?",
        "Client: The promotion. I sat at the kitchen table with a mug of tea and the application form all evening.",
        "Coach: What stopped you sending the application?",
        "Client: Confidence. The kitchen table was covered in drafts of the application and I kept making more tea.",
        "Coach: What would help your confidence with the application?",
        "Client: Asking my manager to read the application. I'll stop hiding at the kitchen table with cold tea.",
    )).key_themes
    assert any("application" in t for t in themes)
    assert not any("table" in t or "tea" in t for t in themes)  # what she sat at and drank, not what it was about


def test_how_the_client_rates_a_thing_is_not_part_of_its_theme():
    themes = analyze_transcript(talk(
        "Coach: What would you like to focus on?",
        "Client: Getting a proper apprenticeship. My dad says a proper apprenticeship is the only way in.",
        "Coach: What does a proper apprenticeship mean to you?",
        "Client: A proper apprenticeship with a firm that trains you, not a lovely promise from a mate.",
        "Coach: What would you need to apply for one?",
        "Client: A reference for the apprenticeship, and the nerve to phone the firm about a proper apprenticeship.",
    )).key_themes
    assert "apprenticeship" in themes
    assert not any(t.startswith(("proper ", "lovely ")) for t in themes)


def test_a_stutter_is_not_part_of_a_theme():
    themes = analyze_transcript(talk(
        "Coach: What would you like to look at?",
        "Client: The-the rota. Every week the-the rota falls apart on a Friday.",
        "Coach: What happens to the rota on a Friday?",
        "Client: People swap shifts and the-the rota never shows it, so I find out when nobody turns up.",
    )).key_themes
    assert "rota" in themes
    assert not any("-" in t for t in themes)


def test_words_run_together_are_not_a_theme():
    themes = analyze_transcript(talk(
        "Coach: What brings you here?",
        "Client: yeah the drinking binge drinking thing it just gets worse the drinking binge drinking",
        "Coach: Tell me about the drinking.",
        "Client: at weekends mostly the drinking binge drinking thing and it costs me the drinking binge drinking",
    )).key_themes
    assert not any(len(set(t.split())) < len(t.split()) for t in themes)


def test_a_plan_that_names_no_area_of_its_own_is_a_step_on_what_the_client_came_for():
    # "keep email closed until eleven" shares no word with "the thesis": it is still the plan for it,
    # and a goal reading "no step reported" beside the client's firm plan contradicts the action items
    result = analyze_transcript(talk(
        "Coach: What would you like to focus on today?",
        "Client: The thesis. I have a chapter due in three weeks and nothing written.",
        "Coach: What gets in the way?",
        "Client: Every morning the emails eat the time I meant for writing.",
        "Coach: What will you do?",
        "Client: I'm going to keep email closed until eleven and write from nine, Monday to Thursday.",
    ))
    goal = result.goal_progress[0]
    assert "thesis" in goal.goal_area
    assert goal.progress_level == "Moderate", goal
    assert any("keep email closed" in step for step in goal.next_steps)


def test_the_goal_is_what_the_client_wants_not_what_they_have_or_could_not_do():
    result = analyze_transcript(talk(
        "Coach: What would you like to work on today?",
        "Client: On Thursday I have my review with my director. I couldn't get through the practice run "
        "without freezing. I want to walk in there calm.",
        "Coach: What would calm look like?",
        "Client: Breathing, and saying the first line slowly.",
    ))
    assert result.goal_progress[0].goal_area == "walk in there calm", result.goal_progress
    assert result.session_summary.startswith("The client came wanting to walk in there calm.")


def test_the_shift_names_the_state_of_the_words_it_quotes():
    # a start mostly calm, with one strong feeling: "from neutral: 'I feel sick'" would contradict itself
    result = analyze_transcript(talk(
        "Coach: What would you like to focus on?",
        "Client: The chapter. I'm okay most days, honestly. I'm fine with the research itself. "
        "I feel sick, a bit, when I open the draft.",
        "Coach: What happens then?",
        "Client: I'm happy answering emails. I'm good at those. Then the day has gone.",
        "Coach: What would help?",
        "Client: Writing first, emails after eleven. I'm not sure it will stick. I will start on Monday.",
        "Coach: What else?",
        "Client: I'm confident about the findings. I know what they say. I'm ready to write them.",
        "Coach: How are you feeling now, compared with when we started?",
        "Client: Lighter.",
    ))
    [shift] = result.emotional_shifts
    assert shift.direction == "improved"
    assert shift.evidence[0] == "I feel sick, a bit, when I open the draft."
    assert shift.initial_state in ("Distressed", "Uneasy"), shift
    assert not shift.shift_description.endswith('.".')


def test_a_feeling_word_used_for_an_act_is_no_feeling():
    from analysis.adapters.analyzers.embedded import feelings, language

    said = {s.text: s for s in language.parse(build(talk(
        "Client: I open the draft every morning. We cleared the desk. I feel open to it. I feel lost.")))}
    assert feelings.state(said["I open the draft every morning."]) is None
    assert feelings.state(said["We cleared the desk."]) is None
    assert feelings.state(said["I feel open to it."]) > 0
    assert feelings.state(said["I feel lost."]) < 0


def test_a_task_the_coach_hands_over_as_an_imperative_is_an_imposed_action():
    result = analyze_transcript(talk(
        "Coach: What do you want to get out of today?",
        "Client: I guess the pricing thing. I said I'd put my rates up and I didn't.",
        "Coach: Did you work out what you'd make with the new rates?",
        "Client: Not really.",
        "Coach: OK so that's homework. Work it out by Friday and send the email Monday.",
        "Client: Yeah. OK.",
        "Coach: Say the new rate to me now.",
        "Client: Fifty-five an hour.",
    ))
    imposed = [f for f in result.coach_feedback.missed_opportunities if f.pcc_marker.startswith("8.5")]
    assert imposed and imposed[0].evidence == ["Work it out by Friday and send the email Monday."]
    # "I guess" is how the client put it, not part of what they came for
    assert result.session_summary.startswith("The client came to work on the pricing thing.")


def test_a_plan_said_object_first_is_a_commitment():
    assert "The regulars I'll do in March, once I've talked to the school." in actions(talk(
        "Coach: So what will you do?",
        "Client: I'll tell the new customers fifty-five from now on. "
        "The regulars I'll do in March, once I've talked to the school.",
        "Coach: Good.",
    ))


def test_an_answer_that_names_the_occasion_dates_the_plan_it_answers():
    result = analyze_transcript(talk(
        "Coach: How will you make that stick?",
        "Client: I'll put the swims in my calendar like shifts. And I'll tell my friend Noor, she swims too, "
        "maybe we can go together on Fridays.",
        "Coach: When will you talk to Noor?",
        "Client: I'm seeing her on Sunday, so then.",
        "Coach: Good.",
    ))
    told = next(a for a in result.action_items if "tell my friend Noor" in a.action)
    assert told.timeline == "on Sunday"
    assert "I'm seeing her on Sunday, so then." not in [a.action for a in result.action_items]
    assert result.intention is None or "Sunday, so then" not in result.intention.behavior_change


def test_the_clients_own_words_handed_back_are_a_reflection():
    session = build(talk(
        "Coach: What happens around the one-month mark?",
        "Client: I miss a week. I'm the kind of person who's either all in or all out.",
        "Coach: All in or all out. Where else does that show up?",
        "Client: Diets. Spanish. I joined the gym three times.",
        "Coach: Three times.",
        "Client: Good afternoon, by the way.",
        "Coach: Good afternoon.",
    ))
    reflected = [presence._reflection(session, turn) for turn in session.coach_turns]
    # a greeting said back is manners, and two words are too few to count
    assert reflected == [None, "All in or all out.", None, None]


def test_the_summary_says_a_win_found_late_was_recognised_not_opened_with():
    opening = [
        "Coach: What would you like to focus on today?",
        "Client: The thesis. I have a chapter due and nothing written.",
        "Coach: What gets in the way?",
        "Client: I read the old draft and hate it. I'm not a real researcher.",
        "Coach: What does the draft say about you?",
        "Client: That I'm pretending. That everyone else knows what they're doing.",
        "Coach: Who else is in the lab?",
        "Client: Six of us. They all seem further on.",
    ]
    late_win = [
        "Coach: What evidence do you have that you are a researcher?",
        "Client: Well, I finished all forty interviews in the spring, and the coding is done.",
        "Coach: Well done. What will you do next?",
        "Client: I'll write the findings section first, by Friday.",
    ]
    result = analyze_transcript(talk(*opening, *late_win))
    assert result.celebration is not None
    assert "They recognised a win:" in result.session_summary, result.session_summary
    early = analyze_transcript(talk(opening[0], "Client: I finished all forty interviews, finally. And the thesis.",
                                    "Coach: Well done!", *opening[2:], *late_win[2:]))
    assert "They opened with a win:" in early.session_summary, early.session_summary


def test_a_fear_or_someone_elses_act_told_in_the_present_is_no_commitment():
    found = actions(talk(
        "Coach: How was the weekend?",
        "Client: We won on Saturday. And then Sunday night Marcus, the owner, rings me and says the sponsor is pulling out.",
        "Coach: What's that like?",
        "Client: I feel sick when I imagine the invoice. Like I'm going to get found out.",
        "Coach: What will you do?",
        "Client: Thursday morning, Yusuf and I sit down with the budget.",
    ))
    assert found == ["Thursday morning, Yusuf and I sit down with the budget."]


def test_a_win_quoted_by_what_was_done_not_by_how_the_client_took_it():
    result = analyze_transcript(talk(
        "Coach: Last time you were deciding whether to apply. Where are you with it?",
        "Client: I applied! I actually sent it on Tuesday night, before I could talk myself out of it. "
        "I'm quite proud of that, to be honest.",
        "Coach: You sent it. How does that feel now?",
        "Client: Terrifying. The interview is on the 14th.",
        "Coach: What will you do to prepare?",
        "Client: I'll write three stories on Saturday morning at the kitchen table.",
    ))
    win = result.celebration
    assert win is not None and win.description == "I actually sent it on Tuesday night, before I could talk myself out of it."
    assert "I'm quite proud of that, to be honest." in win.evidence
    # the table is where the stories get written, not an area of progress
    assert not any("table" in g.goal_area for g in result.goal_progress), result.goal_progress


def test_a_deliverable_sent_on_a_date_is_a_plan_and_telling_the_coach_about_a_day_is_not():
    items = {a.action: a.timeline for a in analyze_transcript(talk(
        "Client: Before we start, sorry, I have to tell you about Saturday. We had forty kids on that stage.",
        "Coach: What would you like from today?",
        "Client: A plan for the business case.",
        "Coach: What will you do?",
        "Client: The business case for the plant controller. One page, not perfect, and it goes to Graham by the end of next week.",
        "Coach: What else?",
        "Client: The form goes in before Friday.",
    )).action_items}
    assert items.get("it goes to Graham by the end of next week.") == "by the end of next week"
    assert items.get("The form goes in before Friday.") == "before Friday"
    assert not any("Saturday" in action for action in items)


def test_a_statement_quoted_as_a_value_is_not_also_a_discovery():
    result = analyze_transcript(talk(
        "Coach: What matters to you about the numbers?",
        "Client: Integrity in the numbers matters to me more than anything else in this job. "
        "And I never put my name to a number I haven't stood behind. Never have.",
        "Coach: What do you notice as you say that?",
        "Client: I just realised the month-end is late because of me, not despite me.",
    ))
    valued = {quote for v in result.values_beliefs for quote in v.evidence}
    assert "I never put my name to a number I haven't stood behind." in valued
    assert all(not set(d.evidence) & valued for d in result.client_discoveries)


def test_telling_the_client_how_they_feel_is_leading_and_praise_for_a_yes_to_the_coachs_plan_is_no_celebration():
    feedback = analyze_transcript(talk(
        "Coach: Hiya Gaz, how are you? Quick one today, yeah?",
        "Client: Not bad. Dead busy, like. Been under a sink all morning.",
        "Coach: You know you're undercharging, don't you?",
        "Client: Yeah, I know. Our kid's always on at me about it.",
        "Coach: Write a letter to your regulars this week saying it's going up to fifty. Get it out by Friday.",
        "Client: Yeah. Go 'ed.",
        "Coach: Brilliant. You feel better about it now, don't you?",
        "Client: Suppose. Bit sick, to be honest. It's not even the money, is it.",
    )).coach_feedback
    strengths = {f.pcc_marker.split()[0]: f.evidence for f in feedback.strengths}
    missed = {f.pcc_marker.split()[0]: f.evidence for f in feedback.missed_opportunities}
    assert "You feel better about it now, don't you?" not in strengths.get("6.3", [])
    assert "Brilliant." not in strengths.get("8.8", [])
    assert "You feel better about it now, don't you?" in missed["4.4"]
    assert not any("how are you?" in q for f in feedback.missed_opportunities if "Several questions" in f.observation
                   for q in f.evidence)


def test_a_goal_keeps_its_stranded_preposition_and_having_a_think_is_no_theme():
    result = analyze_transcript(talk(
        "Coach: What would you like to get from today?",
        "Client: I don't want to decide today. But I want to know what the decision is actually about.",
        "Coach: Have you thought about a website for your prices?",
        "Client: Maybe. I'll have a think about it. I'll have a think about the prices and the website.",
        "Coach: What else about the prices?",
        "Client: I'll have a think. The prices have been the same for years and the van costs a fortune.",
    ))
    assert result.goal_progress and result.goal_progress[0].goal_area.endswith("actually about")
    assert "think" not in result.key_themes


def test_a_message_that_goes_on_a_day_is_a_plan_and_the_goal_is_what_the_client_walks_out_knowing():
    result = analyze_transcript(talk(
        "Coach: What would you like to get from today?",
        "Client: I want to walk out of here knowing what the first month looks like.",
        "Coach: What will you do?",
        "Client: The email to Phil goes tonight.",
        "Coach: What else?",
        "Client: The bus goes at nine, so I'll be early.",
    ))
    items = {a.action: a.timeline for a in result.action_items}
    assert items.get("The email to Phil goes tonight.") == "tonight"
    assert not any(action.startswith("The bus") for action in items)
    assert "came wanting to know what the first month looks like" in result.session_summary


def test_praise_for_an_unsure_answer_is_no_celebration():
    feedback = analyze_transcript(talk(
        "Coach: What would be a first small step?",
        "Client: I don't know. Maybe to look only. Not to join. Only to see.",
        "Coach: That's great. So will you go this Tuesday?",
        "Client: Thursday. Number fourteen bus.",
    )).coach_feedback
    assert not any(f.pcc_marker.startswith("8.8") for f in feedback.strengths)


def test_a_hope_and_a_hypothetical_carried_on_are_no_discoveries():
    found = [d.insight for d in analyze_transcript(talk(
        "Coach: What do you notice as you say that?",
        "Client: That I'm a bit cynical about it. And the thing is, if they offered me the head of faculty job "
        "I'd probably take it. I'd probably just take it and never think about the project again.",
        "Coach: What else is on your mind?",
        "Client: Hopefully the inspection doesn't land while I'm sat in the chair. That's my prayer.",
        "Coach: What are you taking away from today?",
        "Client: That I've been making it a money question because a money question has a right answer.",
    )).client_discoveries]
    assert not any("never think about the project" in d or d.startswith("Hopefully") for d in found)


def test_ringing_in_sick_is_no_feeling_passed_over_and_feeling_sick_is():
    def passed_over(said: str) -> bool:
        feedback = analyze_transcript(talk(
            "Coach: What makes it a four and not a two?",
            f"Client: {said}",
            "Coach: And what's keeping it from being higher?",
            "Client: The office side. The budget and the agency spend.",
        )).coach_feedback
        return any(f.pcc_marker.startswith("6.3") for f in feedback.missed_opportunities)

    assert not passed_over("I know every resident, and I know which of the night staff are going to ring in sick on a Sunday.")
    assert passed_over("Honestly I feel sick about it, I'm scared I'll let every resident down.")


def test_the_image_the_client_came_in_with_asked_after_at_the_end_gives_the_shift():
    def shift(answer: str):
        found = analyze_transcript(talk(
            "Coach: How are you arriving today?",
            "Client: Like a kettle that's been on the boil too long. I don't know. Tired, and then guilty.",
            "Coach: What would you like to leave with?",
            "Client: Some way of asking my daughter for help without feeling I've failed him.",
            "Coach: What would you say to her?",
            "Client: Love, I've not been fine. That's it. She'll take it from there.",
            "Coach: How's the kettle now?",
            f"Client: {answer}",
        )).emotional_shifts
        return found[0] if found else None

    eased = shift("Off the boil. Still hot, mind. But the lid's stopped rattling.")
    assert eased is not None and eased.direction == "improved"
    assert eased.evidence[0] == "Like a kettle that's been on the boil too long."
    grown = shift("Worse, if anything. Louder.")
    assert grown is not None and grown.direction == "declined"


def test_a_line_the_client_means_to_say_is_no_barrier():
    goals = analyze_transcript(talk(
        "Coach: What would you like to get from today?",
        "Client: I want to work out how to say no to Karen about the weekend rota.",
        "Coach: What would saying no to Karen look like?",
        "Client: Kind. Straight. \"Karen, I can't give you that one, here's what I can do.\" And not hiding behind the rota.",
        "Coach: What will you do?",
        "Client: I'll tell Karen on Monday, before the rota goes up.",
    )).goal_progress
    assert goals and not any("I can't give you that one" in b for g in goals for b in g.barriers_identified)


def test_a_short_question_back_to_the_scale_asks_it_again():
    found = analyze_transcript(talk(
        "Coach: What would you like from today?",
        "Client: To know whether I'm going to ask the partners for fewer sessions.",
        "Coach: If you had to put a number on it, how sure are you, one to ten, that you'll ask?",
        "Client: Four. Some days two.",
        "Coach: What's in the way?",
        "Client: I thought being there for them meant being there all the time. It doesn't.",
        "Coach: What will you do?",
        "Client: I'll email Denise on Friday to put it on the agenda.",
        "Coach: And the number?",
        "Client: Nine. It's a different kind of sure.",
    )).emotional_shifts
    assert found and found[0].direction == "improved" and "from four to nine" in found[0].shift_description


def test_a_number_given_when_asked_again_in_other_words_answers_the_scale_and_is_read_as_a_worry():
    found = analyze_transcript(talk(
        "Coach: Before we start, out of ten, where's the worry sitting?",
        "Client: Oh. Um. Seven, I should think. Seven and a half on a bad night.",
        "Coach: What's behind that number?",
        "Client: I've conducted the choir for fifteen years and I don't want it to fold when I go.",
        "Coach: What would a good handover look like?",
        "Client: Margaret takes the Tuesday warm-ups from next term, and I sit in the back row for a month.",
        "Coach: So, going back to where we started. And where's it sitting now?",
        "Client: Four. Perhaps a shade under. It's not gone, I shan't pretend it's gone.",
    )).emotional_shifts
    # ("Seven and a half on a bad night." is the client's last word on the start)
    assert found and found[0].direction == "improved" and "from seven and a half to four" in found[0].shift_description
    # a worry of seven is no neutral start, and the start is quoted where the number was given
    assert (found[0].initial_state, found[0].evidence[0]) == ("Uneasy", "Seven and a half on a bad night.")
    assert "where's it sitting now" not in found[0].catalyst  # the check-out asked; it moved nothing


def test_the_start_set_against_a_now_cut_down_to_size_is_a_lift_quoted_from_the_start():
    found = analyze_transcript(talk(
        "Coach: What would you like from today?",
        "Client: I want to stop going round in circles about the head of department job.",
        "Coach: What's in the way?",
        "Client: People like me don't run departments. That's my dad talking, probably.",
        "Coach: Is that rule yours, or his?",
        "Client: Nobody's ever asked me that. It's his. I've just been carrying it round.",
        "Coach: What's the next step?",
        "Client: The form goes in to HR on Monday the tenth.",
        "Coach: What do you notice as you say that?",
        "Client: Funny, you know, I walked in here with my shoulders up round my ears. Now it's, it's just a form.",
    )).emotional_shifts
    assert found and found[0].direction == "improved"
    # "Funny," opening the sentence means odd: it does not make the start a happy one
    assert found[0].evidence[0].startswith("Funny, you know, I walked in here") and found[0].initial_state == "Uneasy"


def test_a_suggestion_set_aside_a_habit_and_a_wish_at_the_check_out_are_no_plans_and_a_dated_form_is_one():
    found = actions(talk(
        "Coach: It might be worth ringing Gareth and asking him what the panel will be looking for.",
        "Client: Yeah, maybe. Not yet, though. He's not been well. I'll leave that one for now.",
        "Coach: What's happening with the list?",
        "Client: He keeps adding patients. Like, I'll open my screen at half eight and there's three more squeezed in.",
        "Coach: What's the next step?",
        "Client: The form goes in to HR on Monday the tenth, four days early, so I can't bottle it.",
        "Coach: How are you leaving?",
        "Client: Heavier. I came in here cracking jokes and now I just want to sit in the car for ten minutes.",
    ))
    assert found == ["The form goes in to HR on Monday the tenth, four days early, so I can't bottle it."]


def test_a_weekday_given_its_date_is_the_timeline():
    found = analyze_transcript(talk(
        "Coach: What will you do?",
        "Client: I'll send the draft to Priya on Friday the 3rd, before the board papers go out.",
    )).action_items
    assert [a.timeline for a in found] == ["on Friday the 3rd"]


def test_a_setback_told_is_no_win():
    t = talk(
        "Coach: So, Rhys, where would you like to start today?",
        "Client: Um, yeah. So. I had an observation on Tuesday and it, it went badly. Like properly badly. Year nine, netball, rain, the lot.",
        "Coach: Mm.",
        "Client: And the thing is, the head of department job's going up, Gareth's retiring at Easter, and I'd sort of been "
        "thinking about it, you know, putting in for it. And now I'm thinking, well, who am I kidding.",
        "Coach: What would you like to have by the end of our time today?",
        "Client: I think... I want to know if I'm actually going for it or not. Or, no, not even that. I want to stop going "
        "round in circles. I've been going round in circles since Tuesday.",
    )
    assert not (celebrated(t) or "").startswith("I had an observation")
    assert celebrated(talk(
        "Coach: Hi Leah, good to see you. What would you like to focus on today?",
        "Client: Hi. Right, so, practical stuff really. I got my SQE1 results on Tuesday and I didn't pass. Well, I passed "
        "FLK1 fine, it's FLK2 I failed, I missed it by, um, six percent? So I need a plan for the resit.",
        "Coach: Okay, a resit plan. What would make this session useful for you?",
        "Client: Honestly, just a timeline. Which weeks I do what.",
    )) is None
    assert celebrated(talk(
        "Coach: What's gone well since we last spoke?",
        "Client: The launch. Nothing went wrong, not one thing, and I ran the whole of it myself.",
    )) is not None


def test_orders_a_conclusion_vouched_for_and_praise_of_someone_elses_offer_are_no_strengths():
    # a coach who asks yes/no questions, tells, and decides for the client: no reflection ("You ring the college
    # yourself." follows an order; "So you're busy enough for an apprentice. Definitely." is the coach's verdict),
    # no celebration ("That's brilliant" greets the sister's offer), no room given (the client's words answered
    # closed questions)
    result = analyze_transcript(talk(
        'Coach: Right, so, the apprentice thing. You want to take one on, yeah?',
        "Client: Well, um, I don't know yet. That's sort of why I'm here. It's been keeping me up, to be honest.",
        'Coach: Okay. Have you looked at the government apprenticeship funding?',
        'Client: A bit. Not properly.',
        'Coach: You should, because they cover most of the training for small employers. Have you got the space in the salon?',
        "Client: There's the back station, yeah. It's, it's mostly got boxes on it at the minute.",
        "Coach: And you'd have time to train someone, wouldn't you?",
        'Client: I mean... maybe. Mondays are quiet.',
        'Coach: So Mondays would work, right?',
        'Client: I suppose.',
        "Coach: Great. And you'd want someone young, school leaver type, wouldn't you?",
        'Client: Not necessarily, my sister Janine says —',
        "Coach: Because they're cheaper, and they're easier to mould.",
        'Client: Right. Well, Janine, she\'s, she\'s been on at me about it for ages. She said, "If you take someone on, I\'ll do your books for nothing for the first year." So that\'s, you know, that\'s on the table.',
        "Coach: That's brilliant, that takes care of the admin side then.",
        'Client: If she actually does it. Janine says a lot of things.',
        "Coach: And you trust her, don't you?",
        "Client: Well, she's my sister. She did our mum's funeral accounts and it took her eight months, so.",
        "Coach: How's business at the moment? Good?",
        "Client: Yeah, actually, last month was the best month we've ever had. I took more in March than any month since I opened, and that's eleven years. I can't believe it, honestly, I had to check the till roll twice.",
        'Coach: Fantastic.',
        "Client: And I'm hoping, um, I'm hoping April's the same, but it's Easter and half of Leicester's away, so who knows.",
        "Coach: So you're busy enough for an apprentice. Definitely.",
        "Client: Maybe. The thing is, it's my name over the door. Nobody leaves my chair looking worse than they came in. That's, that's always been it. And with some kid on the scissors...",
        "Coach: They wouldn't be on the scissors straight away though, would they? It'd be washing, sweeping, that sort of thing.",
        "Client: No, no, I know. It's just... honestly it makes me feel a bit sick, thinking about someone else touching my regulars' —",
        "Coach: Everyone feels that, it's normal. Let's just look at the practical side. How many hours a week could you give them?",
        "Client: Um. Twenty? Thirty? I don't know.",
        "Coach: Thirty's standard. Are you going to advertise on Indeed or go through the college?",
        "Client: Janine said she'd ask at the college, she knows someone in the office there.",
        "Coach: Okay, well don't wait on Janine. You ring the college yourself.",
        "Client: It's just, nobody trains someone properly except the person who owns the place. When I trained, Sandra did everything herself. If the boss isn't stood over you, it doesn't get done right.",
        "Coach: Sure. But you could get a senior stylist to supervise, couldn't you?",
        "Client: There's only Kelly, and she's part-time.",
        "Coach: Kelly could do it though, couldn't she?",
        "Client: I'd rather do it myself. A job half done is a job done twice, my mum used to say. And I'm a doer, me, I'm not a teacher. I've been doing hair twenty-odd years, I know what good looks like, I just don't know how you put that in someone else's hands.",
        "Coach: Okay. So you'll take one on then?",
        "Client: I... I'm still not sure, to be honest. I'm still, I don't know, I'm still sort of worried about it. Same as when I came in.",
        "Coach: You'll be fine. Here's what I want you to do. Ring Leicester College on Monday morning, ask about their Level 2 hairdressing apprentices, and get two people in for a trial day before the end of the month. Okay?",
        'Client: Fine.',
        'Coach: And speak to Kelly about supervising.',
        'Client: Fine.',
        'Coach: Anything else?',
        "Client: No. Just — Janine'll want to know what I decided. Janine always wants to know. I don't know what I'm going to tell her.",
        "Coach: Tell her you're going for it. Great session.",
        'Client: Yeah. Thanks.',
    ))
    strengths = {f.pcc_marker.split()[0] for f in result.coach_feedback.strengths}
    assert strengths.isdisjoint({"6.7", "8.8", "7.8"})
    assert result.coaching_presence.rapport_quality.startswith("Limited: 0 reflective statements")
    assert result.overall_session_quality == "Needs Improvement"


def test_a_plan_takes_its_when_from_the_fragment_said_after_it():
    found = analyze_transcript(talk(
        "Coach: What would you like to do with that?",
        "Client: I suppose... Margaret hears it from me first. Properly, not at the bar. After Tuesday's rehearsal.",
        "Coach: And the sick pay paragraph?",
        "Client: I'm going to write the sick pay paragraph myself. Tonight, after tea. Plain.",
    )).action_items
    assert [(a.action, a.timeline) for a in found] == [
        ("Margaret hears it from me first.", "After Tuesday's rehearsal"),
        ("I'm going to write the sick pay paragraph myself.", "Tonight")]


def test_praise_and_a_number_said_back_are_no_reflections():
    presence = analyze_transcript(talk(
        "Coach: Out of ten, where's the worry sitting?",
        "Client: Seven, I should think. Seven and a half on a bad night.",
        "Coach: Seven and a half. And what's behind that number?",
        "Client: I've been thinking of letting Margaret have the Christmas concert, the whole thing, her choice of carols.",
        "Coach: That's generous of you.",
        "Client: It's only fair. It's hers if she wants it.",
        "Coach: Sounds like you're being firm with yourself there.",
        "Client: One has to be.",
    )).coaching_presence
    assert presence.evidence == ["Sounds like you're being firm with yourself there."]


def test_a_painful_realisation_is_reported_as_it_landed_in_the_clients_own_words():
    found = analyze_transcript(talk(
        "Helen: What's on Simon's diary on Tuesday afternoons?",
        "Ngozi: Minor ops. And the insurance medicals.",
        "Helen: Take your time.",
        "Ngozi: So the extras are his patients. They're not overflow, they're his. He's not short of appointments, "
        "he's doing something else with them. I can't believe I never put that together.",
        "Helen: What's happening for you right now?",
        "Ngozi: I don't know. I feel a bit stupid, actually.",
        "Helen: I notice you came in laughing about this, and the laughing's stopped.",
        "Ngozi: Yeah. Because it's not funny, is it, when you say it like that.",
    )).client_discoveries
    realised = {e: d.emotional_response for d in found for e in d.evidence}
    # the realisation is one of the sentences it came in, and its weight is told as it landed
    landed = ("the extras are his patients.", "They're not overflow, they're his.",
              "He's not short of appointments, he's doing something else with them.")
    assert any(realised.get(said) == "Unsettled by the realisation" for said in landed)
    # "like that" compares; it likes nothing
    assert realised.get("Because it's not funny, is it, when you say it like that.", "") not in (
        "Open and encouraged", "Energised by the realisation")


def test_less_of_the_image_the_client_came_in_with_is_a_lift():
    found = analyze_transcript(talk(
        "Tom: How are you arriving today?",
        "Grace: Held together with Sellotape, if I'm honest. I read the complaint letter again in the car park.",
        "Tom: What would you like from our time?",
        "Grace: To stop feeling like I'm on trial every time I open my inbox.",
        "Tom: What's one thing you could do?",
        "Grace: I'll write my statement tonight and send it to the matron on Friday.",
        "Tom: We said at the start: not feeling on trial. Where are you with that?",
        "Grace: Less Sellotape. Still sore. But it'll hold.",
    )).emotional_shifts
    assert found and found[0].direction == "improved"
    assert found[0].evidence[0] == "Held together with Sellotape, if I'm honest."


def test_getting_ones_head_round_it_first_is_no_step():
    result = analyze_transcript(talk(
        "Coach: What would you like to walk out of here with?",
        "Client: By the end I'd like to know whether I say something to Simon about the extra patients.",
        "Coach: Some people keep a tally for a couple of weeks. Would that be any use here?",
        "Client: Maybe. Not yet. I need to get my head round it first before I start counting things.",
    ))
    assert result.action_items == [] and result.intention is None
    assert all(not g.next_steps for g in result.goal_progress)


def test_a_captioned_session_without_capitals_or_stops_keeps_its_scale_and_its_past():
    result = analyze_transcript(talk(
        "Coach: before we get into it on a scale of one to ten how confident do you feel right now about handling things with fiona",
        "Client: uh honestly a three a three on a good day",
        "Coach: a three okay so what's been happening",
        "Client: so we had the staff meeting on tuesday and i'm going through the new um the new reading scheme and she just sits back and goes well we tried that in 2019",
        "Coach: what will you do",
        "Client: thursday thursday's the day i sit her down she's got nae class on a thursday afternoon",
        "Coach: before we finish same question one to ten how confident do you feel now about handling things with fiona",
        "Client: seven maybe six and a half but i'll say seven",
    ))
    assert [s.direction for s in result.emotional_shifts] == ["improved"]
    assert "from three to seven" in result.emotional_shifts[0].shift_description
    assert all("staff meeting" not in a.action for a in result.action_items)  # told of last Tuesday, not planned


def test_a_greeting_said_back_is_no_goal():
    result = analyze_transcript(talk(
        "Coach: Morning, good to see you again. So what would you like to focus on today?",
        "Client: Aye, morning. Um, it's the deputy head again.",
        "Coach: What's been happening?",
        "Client: She undermines me in staff meetings. Every time I bring something new she knocks it down.",
    ))
    assert all("morning" not in g.goal_area.lower() for g in result.goal_progress)
    assert "aye" not in result.session_summary.lower()


def test_the_start_told_in_two_sentences_and_a_now_that_lets_it_breathe_is_a_lift():
    found = analyze_transcript(talk(
        "Priya: What would you like to leave with today?",
        "Tomasz: To know if I ask Dave for feedback or I start to look for other job.",
        "Priya: What do you know now that you didn't at the start?",
        "Tomasz: That I ask first. Monday, before the briefing, I ask Dave for twenty minutes.",
        "Priya: How are you leaving?",
        "Tomasz: Honestly? When I came in, I was like a pallet with too much stretch wrap. Everything tight, pulled in, "
        "cannot move nothing. Now is like somebody cut the wrap. Is still the same pallet, same heavy. But it can breathe.",
    )).emotional_shifts
    assert [s.direction for s in found] == ["improved"]
    assert found[0].evidence[0] == "When I came in, I was like a pallet with too much stretch wrap."


def test_a_deadline_in_the_passive_is_a_step_the_agenda_is_not_and_the_report_back_is_its_accountability():
    found = analyze_transcript(talk(
        "Priya: What would you like from today?",
        "Tomasz: Yeah. Five minutes. So, um, today I want to decide. Do I go to Dave and ask him why not me, or I start to look somewhere else.",
        "Priya: What will you do?",
        "Tomasz: Monday, before the 6 o'clock briefing, I ask Dave for twenty minutes.",
        "Priya: And the CV?",
        "Tomasz: By the thirtieth the CV is updated, whatever Dave says.",
        "Priya: Who will know you've done it?",
        "Tomasz: You. I send you a message Monday after briefing, just \"done\" or \"not done\".",
    )).action_items
    assert [(a.action, a.timeline) for a in found] == [
        ("Monday, before the 6 o'clock briefing, I ask Dave for twenty minutes.", "Monday"),
        ("By the thirtieth the CV is updated, whatever Dave says.", "By the thirtieth")]
    # the report names Monday: it holds the Monday step to account
    assert [a.accountability_measure for a in found] == [
        'I send you a message Monday after briefing, just "done" or "not done".', None]


@pytest.mark.parametrize("report", ["I'll text you on the 20th, if that's okay?", "I'll email you Friday, is that alright?"])
def test_a_report_back_that_asks_leave_is_still_the_plan_s_accountability(report):
    found = analyze_transcript(talk(
        "Coach: What would you like from today?",
        "Client: A way to get the budget drafted without it eating every evening.",
        "Coach: What will you do?",
        "Client: I'll block two mornings next week, Tuesday and Friday, nine till twelve, phone off.",
        "Coach: How will you know you're on track?",
        f"Client: If the whole budget's drafted by the 20th, I've got ten days for the narrative. {report}",
        "Coach: Of course.",
    )).action_items
    assert [a.accountability_measure for a in found] == [report], found


def test_a_hope_is_no_plan():
    t = talk(
        "Coach: Hi Leah, good to see you. What would you like to focus on today?",
        "Client: A plan for the resit. That's what I'd like out of today.",
        "Coach: Okay, a resit plan. What would make this session useful for you?",
        "Client: Honestly, just a timeline. Which weeks I do what. Booking for the January sitting closes in, I think, "
        "three weeks, so. Hopefully I'll pass in January and this is just a blip.",
    )
    assert actions(t) == []


def test_a_figure_remarked_on_a_prediction_about_someone_else_and_a_question_are_no_reflection_or_celebration():
    result = analyze_transcript(talk(
        "Coach: What's he offering?",
        "Client: Forty thousand for fifteen percent.",
        "Coach: Fifteen percent, okay. And how long have you known him?",
        "Client: Twelve years. We met at catering college.",
        "Coach: Twelve years, that's a long time. Would he want a say?",
        "Client: He says he'd be hands-off. I'd rather grow slowly and own it, honestly.",
        "Coach: Marcus will say yes, he's your friend, he's not going to walk away over five percent.",
        "Client: Maybe.",
        "Coach: Which can be fine, actually, a silent partner can be brilliant, but it depends, you know?",
        "Client: I suppose.",
    ))
    assert result.coaching_presence.evidence == []
    assert all(f.pcc_marker.split()[0] != "8.8" for f in result.coach_feedback.strengths)
    # a preference said without "than" is a value too
    assert ("Core Value", "I'd rather grow slowly and own it, honestly.") in {
        (v.type, v.evidence[0]) for v in result.values_beliefs}


def test_one_question_weighing_two_answers_is_not_a_stack():
    from analysis.adapters.analyzers.embedded.questions import asked_in
    assert asked_in("Of what you know about why you didn't get this job, how much came from Dave, "
                    "and how much came from that fact?") < 3
    assert asked_in("What do you want, and why do you want it, and what's stopping you?") == 3


def test_a_belief_the_coach_says_was_told_like_a_fact_is_a_limiting_belief():
    found = analyze_transcript(talk(
        "Priya: What do you make of Dave's \"next time\"?",
        "Tomasz: Honestly, I think it's, um, it's just what they say. Look, I'm realistic. In this country the foreign "
        "guy runs the floor and the English guy gets the office. It's how it is.",
        "Priya: You said that like it's a fact. \"It's how it is.\"",
        "Tomasz: It is a fact. I see it. Twenty years I see it.",
    )).values_beliefs
    assert ("Limiting Belief", "In this country the foreign guy runs the floor and the English guy gets the office.") in {
        (v.type, quoted) for v in found for quoted in v.evidence}


def test_how_things_were_is_no_win_and_a_person_is_talked_about_not_worked_on():
    result = analyze_transcript(talk(
        "Coach: What do you do with the mornings, when you wake so early?",
        "Client: I make coffee. I sit in the kitchen. The day is very long. Before, the day was too short, always. Now is too long.",
        "Coach: What would you like to talk about today?",
        "Client: My son. He found this men's shed in the church hall and says I must go.",
        "Coach: What do you make of it?",
        "Client: I don't know. The lathe is not the problem, I think. Coming home after is the problem.",
    ))
    assert result.celebration is None or not result.celebration.description.startswith("Before")
    assert "came to talk about their son" in result.session_summary


def test_a_client_who_talks_in_answer_to_closed_questions_is_steered_not_leading():
    lines = []
    for question, answer in (("Have you put them up yet?", "No. Not yet, like. The van's costing a fortune and copper has nearly doubled."),
                             ("You know you're undercharging, don't you?", "Yeah, I know, our kid's always on at me, he says just whack it up to fifty."),
                             ("But you're running a business, aren't you?", "Yeah, but a lot of my customers are old dears on a pension, I've done their boilers for years."),
                             ("So it makes sense to put them up, doesn't it?", "I mean, yeah. I'm a plumber, me, I'm not a salesman, I do the job and they pay."),
                             ("Could you charge new customers more?", "I suppose, yeah. My mam always said you don't rob your own, and round there they're my own."),
                             ("Is that fair?", "Maybe. It's not even the money. It's Mrs Kelly thinking I've gone all big time on her.")):
        lines += [f"Coach: {question}", f"Client: {answer}"]
    partnership = analyze_transcript(talk(*lines)).coaching_presence.partnership_dynamics
    assert partnership.startswith("Coach-steered")


def test_the_summary_says_when_the_only_step_was_set_by_the_coach():
    summary = analyze_transcript(talk(
        "Coach: So last time we said prices. Have you put them up yet?",
        "Client: Erm. No. Not yet, like. A lot of my customers are old dears on a pension.",
        "Coach: Okay, so here's what I think. Write a letter to all your regulars this week saying it's going up to fifty. Get it out by Friday. Yeah?",
        "Client: Friday. Right.",
        "Coach: Brilliant. Same time in a fortnight?",
        "Client: Yeah. Sound.",
    )).session_summary
    assert 'a step the coach set rather than one of their own: "Get it out by Friday."' in summary


def test_the_summary_of_a_session_the_coach_steered_tells_the_step_the_client_chose_too():
    summary = analyze_transcript(talk(
        "Coach: So last time we said prices. Have you put them up yet?",
        "Client: Erm. No. Not yet, like. A lot of my customers are old dears on a pension.",
        "Coach: You can't run a business on charity, though.",
        "Client: Suppose not.",
        "Coach: Okay, so here's what I think. Write a letter to all your regulars this week saying it's going up to fifty. Get it out by Friday. Yeah?",
        "Client: Friday. Right. I'm going to ring Mrs Kelly myself though, she deserves to hear it from me.",
        "Coach: Brilliant. Same time in a fortnight?",
        "Client: Yeah. Sound.",
    )).session_summary
    assert 'a step the coach set, "Get it out by Friday.", and one of their own: "I\'m going to ring Mrs Kelly' in summary


def test_a_client_who_answers_in_a_word_or_two_is_not_highly_engaged():
    lines = []
    for i, answer in enumerate(("Yeah.", "It's been a long month with the van and the copper prices and the old dears on Rice Lane "
                                "who have had me doing their boilers for twelve years now, and every one of them pays cash on the day and "
                                "makes me a brew while I'm under the sink.", "Right.", "Suppose.",
                                "My mam always said you don't rob your own, and round there they're my own, I grew up "
                                "two streets away from most of them and their kids, and I'd feel like I'd gone all big time on them if "
                                "I sent a letter saying fifty quid an hour from next month.", "Yeah. Go on.")):
        lines += [f"Coach: And then what happened, number {i}?", f"Client: {answer}"]
    assert analyze_transcript(talk(*lines)).coaching_presence.client_engagement_level != "High"


def test_a_plan_for_the_morning_is_dated_and_the_conversations_own_order_is_no_plan():
    found = analyze_transcript(talk(
        "Coach: What will you do?",
        "Client: I'm telling Priya in the morning. And I'm ringing Derek first thing.",
    )).action_items
    assert [(a.action, a.timeline) for a in found] == [("I'm telling Priya in the morning.", "in the morning"),
                                                        ("I'm ringing Derek first thing.", "first thing")]
    assert actions(talk(
        "Coach: What's on your mind today?",
        "Client: Derek again. Treasurer. I'll get to him. The reserves paper is the real thing.",
        "Coach: And the rest?",
        "Client: Leave it open. I'll chew on it. And most days I get up in the morning and do the rota first.",
    )) == []


def test_an_hour_of_a_story_is_no_timeline_and_a_later_clause_keeps_its_own():
    found = analyze_transcript(talk(
        "Coach: When will you ask her?",
        "Client: She's got a free period in the afternoon, so I'll take her a coffee at half one and ask her straight.",
    )).action_items
    assert [a.timeline for a in found] == ["at half one"]
    assert actions(talk(
        "Coach: What happened?",
        "Client: Mum's hysterical, it's getting dark by five, and the reservoir is half a mile away.",
    )) == []


def test_surprise_a_hope_and_a_passing_state_are_no_values_or_beliefs():
    said = {e for v in analyze_transcript(talk(
        "Coach: What do you believe about yourself as a farmer?",
        "Client: I can't believe it's thirty-one years since I took them over. Hopefully the co-op renews in March, "
        "fingers crossed. I feel good. I know how to run a herd, I've done it all my life.",
        "Coach: What matters most to you in it?",
        "Client: Honesty matters more to me than money, always has.",
    )).values_beliefs for e in v.evidence}
    assert not {"I can't believe it's thirty-one years since I took them over.",
                "Hopefully the co-op renews in March, fingers crossed.", "I feel good."} & said
    assert "Honesty matters more to me than money, always has." in said


def test_someone_elses_story_or_a_hope_is_no_setback_of_the_goal():
    goals = analyze_transcript(talk(
        "Coach: What would you like to work on today?",
        "Client: I want to stop rewriting my team's code. Honestly I'm kind of hoping the reorg gives me a bigger team, "
        "so I physically couldn't rewrite their code anymore.",
        "Coach: What happened this week with the team's code?",
        "Client: My daughter asked about the team's code at dinner and she went back to her iPad. Last sprint people "
        "couldn't tell if the code had shipped.",
        "Coach: What will you do?",
        "Client: I'm going to stop rewriting code on Priya's branch from Monday, and I'll tell the team on Thursday.",
    )).goal_progress
    assert goals and all(g.progress_level != "Setback" for g in goals)
    assert analyze_transcript(talk(
        "Coach: What would you like to work on today?",
        "Client: I want to stop smoking. But I slipped twice with the smoking at the weekend.",
        "Coach: What will you do?",
        "Client: I'm going to bin the lighter tonight.",
    )).goal_progress[0].progress_level == "Setback"


def test_came_in_buzzing_and_now_it_feels_bigger_is_a_drop():
    shifts = analyze_transcript(talk(
        "Coach: So how are you, how's your week been?",
        "Client: Good actually, really good. I did the practice test and got seventy-one percent.",
        "Coach: What would you like from today?",
        "Client: A list of what to do first about going back to work.",
        "Coach: What's in the way?",
        "Client: I've been off eight years. Everyone uses different software now and I've never used it.",
        "Coach: What's one thing you could do this week?",
        "Client: The form goes in before Friday, I suppose.",
        "Coach: So how are you feeling now compared to the start?",
        "Client: Honestly, a bit flat. I came in buzzing about the mock and now it feels bigger than I thought it was.",
    )).emotional_shifts
    assert [s.direction for s in shifts] == ["declined"]


def test_a_lift_starts_where_the_client_told_the_check_in():
    shifts = analyze_transcript(talk(
        "Coach: Hi Dana, how are you doing today?",
        "Client: Tired, honestly. I rewrote two of Priya's pull requests at midnight again.",
        "Coach: What would you like from our time?",
        "Client: To understand why I keep doing it. The release was horrible, awful, I was gutted. I felt sick.",
        "Coach: What's going on for you when you rewrite it at midnight?",
        "Client: I'm anxious until I've read every line. I'm worried it breaks. I'm stressed all week.",
        "Coach: What would it mean if the team didn't need you to catch things?",
        "Client: That I could be a manager. That's actually a relief to say out loud. I feel calmer. I'm hopeful.",
        "Coach: How are you feeling now, compared with when you came in?",
        "Client: Lighter. A lot lighter than an hour ago. I'm proud of that.",
    )).emotional_shifts
    assert [(s.direction, s.evidence[0]) for s in shifts] == [("improved", "Tired, honestly.")]


def test_the_clients_words_said_back_are_no_advice_and_letting_a_deferral_be_is_no_dismissal():
    missed = analyze_transcript(talk(
        "Coach: What would you like to walk out of here with today?",
        "Client: A way to talk to Derek without a fight.",
        "Coach: What is a call with Derek, really?",
        "Client: I've briefed a brigadier at six in the morning. It's not working a room. It's just talking to a bloke.",
        "Coach: Just talking to a bloke.",
        "Client: Yes. People follow the ones who tell them the truth.",
        "Coach: And the habit of taking the hit yourself, what would you like to do with that?",
        "Client: Not sure yet. Let me think about that one. It's a habit of thirty years.",
        "Coach: That's fine. We can leave it there for now. What's next with Derek?",
        "Client: Thursday I ring him, first thing.",
    )).coach_feedback.missed_opportunities
    quoted = {e for m in missed for e in m.evidence}
    assert not {"Just talking to a bloke.", "That's fine."} & quoted


def test_suggestions_in_any_wording_are_advice_or_leading():
    missed = analyze_transcript(talk(
        "Coach: What would you like to get out of today?",
        "Client: Whether to sell the herd, I suppose.",
        "Coach: What I'd suggest is, get a proper valuation and sit down with your accountant.",
        "Client: I've done that. Twice.",
        "Coach: A lot of farmers your age lease to a younger farmer and keep a hand in.",
        "Client: Not for me.",
        "Coach: What about selling some of the herd?",
        "Client: No. All or nothing.",
        "Coach: Maybe you could get a relief milker in for a few mornings?",
        "Client: Maybe.",
    )).coach_feedback.missed_opportunities
    quoted = {e for m in missed for e in m.evidence}
    assert {"What I'd suggest is, get a proper valuation and sit down with your accountant.",
            "A lot of farmers your age lease to a younger farmer and keep a hand in.",
            "What about selling some of the herd?",
            "Maybe you could get a relief milker in for a few mornings?"} <= quoted


def test_the_coachs_own_story_a_suggestion_said_flat_and_reassurance_are_named():
    missed = analyze_transcript(talk(
        "Coach: What would you like from today?",
        "Client: A first step back into accountancy.",
        "Coach: Have a look at a returnship. A friend of mine did one, that's probably what I'd do.",
        "Client: Maybe.",
        "Coach: Your LinkedIn is out of date, so you could update it today.",
        "Client: I don't know. I'm not a spreadsheet person any more.",
        "Coach: I think you're being really hard on yourself.",
        "Client: Maybe. I worry I'll miss sports day.",
        "Coach: When I went back after my second I cried in the car park, and what I did was book the day off.",
        "Client: Right.",
        "Coach: So what's the first step?",
        "Client: The form goes in before Friday.",
    )).coach_feedback.missed_opportunities
    quoted = {e for m in missed for e in m.evidence}
    assert {"A friend of mine did one, that's probably what I'd do.", "Your LinkedIn is out of date, so you could update it today.",
            "I think you're being really hard on yourself."} <= quoted
    assert any(e.startswith("When I went back after my second") for e in quoted)


def test_naming_a_loss_is_empathy_not_celebration():
    fb = analyze_transcript(talk(
        "Coach: What would you like to use our time for today?",
        "Client: We lost Harbourline. Four years, forty percent of my number, gone to Velocor on Friday.",
        "Coach: That's a big hit.",
        "Client: It is. And the review's on the twentieth.",
        "Coach: That's a big identity shift, from the one who never loses an account.",
        "Client: Yeah.",
    )).coach_feedback
    celebrated = {e for s in fb.strengths if s.pcc_marker.startswith("8.8") for e in s.evidence}
    empathy = {e for s in fb.strengths if s.pcc_marker.startswith("4.2") for e in s.evidence}
    assert "That's a big hit." in empathy and not celebrated


def test_a_likeness_the_client_names_is_a_discovery_and_a_sentence_said_twice_counts_once():
    found = [d.insight for d in analyze_transcript(talk(
        "Coach: What would you like from today?",
        "Client: To stop rewriting my team's code at midnight.",
        "Coach: When you rewrite Priya's code, what do you notice?",
        "Client: Huh. That's the same thing my first tech lead did to me. He rewrote everything I did.",
        "Coach: And what did that do to you?",
        "Client: I stopped trying. I just waited for his review.",
        "Coach: What do you make of that now?",
        "Client: She's waiting for my review too. It's about me being scared I'm not needed.",
        "Coach: Say that again?",
        "Client: It's about me being scared I'm not needed.",
    )).client_discoveries]
    assert any("same thing my first tech lead did to me" in d for d in found)
    assert sum("scared I'm not needed" in d for d in found) == 1


def test_what_the_client_cares_about_and_a_night_told_again_are_no_plans():
    assert actions(talk(
        "Coach: What's in the way of writing this week?",
        "Client: This week I've got demonstrating on Tuesday and Thursday, and I, like, I care about doing those properly.",
        "Coach: And sleep?",
        "Client: I go to bed fine and then at three I wake up and do the maths. Four months, five chapters, and then "
        "I'm doing the maths again at half three.",
    )) == []


def test_how_the_client_is_somewhere_is_no_plan_and_what_sells_advice_is_no_reflection():
    t = talk(
        "Coach: What would you like from today?",
        "Client: To stop going quiet when Gavin talks money.",
        "Coach: What's different in the kitchen?",
        "Client: In the kitchen I'll shout, I'll tell anyone, I'll tell a supplier his fish stinks. In meetings I'll "
        "just agree with whoever spoke last.",
        "Coach: What I'd suggest is, get a proper valuation. That way you're making the decision on facts and not on feelings.",
        "Client: Maybe.",
    )
    result = analyze_transcript(t)
    assert [a.action for a in result.action_items] == []
    assert "That way you're making the decision on facts and not on feelings." not in result.coaching_presence.evidence
    assert "0 reflective statements" in result.coaching_presence.rapport_quality


def test_a_weekend_that_dates_a_plan_makes_no_work_life_goal():
    goals = [g.goal_area for g in analyze_transcript(talk(
        "Coach: What would you like from today?",
        "Client: I want to stop lying awake thinking my partner is robbing the business.",
        "Coach: What will you do?",
        "Client: My own accountant looks at the books. Dev gets a call before the weekend. I'm doing the statement this weekend.",
    )).goal_progress]
    assert "work-life balance" not in goals


def test_a_business_partner_and_a_decided_plan_name_no_relationship_or_decision_theme():
    themes = analyze_transcript(talk(
        "Coach: What would you like from today?",
        "Client: The partner track. My partner at the firm, Ruth, says I should go for partner this year.",
        "Coach: What do you want?",
        "Client: I've decided I want it. I decided on the train. The partner track means business development, "
        "and I decided I can learn that.",
        "Coach: What's in the way?",
        "Client: Time at home. My partner Ruth says the partners all work weekends. I decided that's not me.",
    )).key_themes
    assert "relationship" not in themes and "decision making" not in themes


def test_a_goal_the_client_takes_back_or_only_points_at_gives_way_to_the_one_they_name():
    goals = [g.goal_area for g in analyze_transcript(talk(
        "Coach: What would you like from our time today?",
        "Client: I want to know what to do. No, that is too big. I want to know how I talk to Joanna.",
        "Coach: What will you do?",
        "Client: Thursday I phone her, before the trustee meeting.",
    )).goal_progress]
    assert goals[0] == "know how they talk to Joanna"
    goals = [g.goal_area for g in analyze_transcript(talk(
        "Coach: What would you like to use our time for today?",
        "Client: We lost our biggest account on Friday and the review is on the twentieth, so, um, that. "
        "That's what I want to use it for.",
        "Coach: What would make this hour most worth it for you?",
        "Client: I need to understand what actually happened. I keep telling myself it was price.",
        "Coach: What will you do?",
        "Client: The real version goes to Mark before the fifteenth.",
    )).goal_progress]
    assert goals[0] == "what actually happened"


def test_support_is_what_the_client_will_have_not_the_help_they_give():
    found = analyze_transcript(talk(
        "Coach: What's taking your writing time?",
        "Client: I help everyone. Anyone in the lab asks, I help.",
        "Coach: What will you do?",
        "Client: Chapter two goes to Helen before Friday. I'll ask Priya to read it first, she's good with the words.",
    )).intention
    assert found is not None
    assert found.support_needed == ["I'll ask Priya to read it first, she's good with the words."]


def test_a_pick_among_the_coachs_options_is_the_goal():
    goals = [g.goal_area for g in analyze_transcript(talk(
        "Coach: Great. So what do you want to get out of today? Do you want to do a plan for the thesis, or talk about "
        "the procrastination, or both?",
        "Client: Um. Both? I guess? Whatever you think is best, honestly.",
        "Coach: What's the first step?",
        "Client: Chapter two goes to Helen before Friday.",
    )).goal_progress]
    assert goals == ["a plan for the thesis and the procrastination"]


def test_a_maxim_and_a_nights_sleep_are_no_steps():
    assert actions(talk(
        "Coach: So what will you do differently?",
        "Client: Own your stuff. That's what I tell them.",
        "Coach: And for you?",
        "Client: I reckon I'll actually sleep tonight. Thursday's one-on-one, I tell Priya I've been rewriting her code.",
    )) == ["Thursday's one-on-one, I tell Priya I've been rewriting her code."]


def test_setting_up_the_call_and_one_word_checks_are_no_closed_questions_to_fault():
    missed = analyze_transcript(talk(
        "Coach: Hi Ella, can you hear me okay?",
        "Client: Yes, fine.",
        "Coach: Did you finish the form?",
        "Client: No.",
        "Coach: Okay?",
        "Client: Yes.",
        "Coach: Have you spoken to Sarah?",
        "Client: No.",
        "Coach: Is the course booked?",
        "Client: No.",
        "Coach: Same time in two weeks?",
        "Client: Sure.",
    )).coach_feedback.missed_opportunities
    closed = next(m for m in missed if m.pcc_marker.startswith("7.6"))
    assert set(closed.evidence) == {"Did you finish the form?", "Have you spoken to Sarah?", "Is the course booked?"}


def test_a_goal_followed_by_no_more_of_something_is_not_taken_back():
    goals = [g.goal_area for g in analyze_transcript(talk(
        "Coach: What would you like from our time today?",
        "Client: I want to stop drinking in the week. No more wine at night. Then I want to sleep better.",
        "Coach: What will you do?",
        "Client: Tonight the wine goes back to my sister's.",
    )).goal_progress]
    assert goals[0] == "stop drinking in the week"


def test_feelings_in_any_wording_are_the_clients_state_and_compounds_and_others_looks_are_not():
    from analysis.adapters.analyzers.embedded import feelings, language

    said = {s.text: s for s in language.parse(build(talk(
        "Client: I was mortified. I'm at the end of my tether. I'm over the moon. I'm not in a good place. "
        "I've been cross-examined by barristers. I'm burnt-out. "
        "I got out and did a little dance, and a man walking his dog looked horrified.")))}
    assert feelings.state(said["I was mortified."]) < 0
    assert feelings.state(said["I'm at the end of my tether."]) < 0
    assert feelings.state(said["I'm over the moon."]) > 0
    assert feelings.state(said["I'm not in a good place."]) < 0
    assert feelings.state(said["I've been cross-examined by barristers."]) is None
    assert feelings.state(said["I'm burnt-out."]) < 0
    assert feelings.state(said["I got out and did a little dance, and a man walking his dog looked horrified."]) is None


def test_a_client_who_came_in_feeling_great_has_not_lifted_to_feeling_great():
    shifts = analyze_transcript(talk(
        "Coach: Hi Sam, how are you today?",
        "Client: Really good, actually. Genuinely good.",
        "Coach: What would you like to focus on?",
        "Client: The partner interview. I'm not sure I'm the type they make. I'm nervous. I'm worried, to be honest.",
        "Coach: What kind of partner would you be?",
        "Client: The one you ring when it's gone wrong. Honestly, I don't know yet. Maybe. I'm anxious about it.",
        "Coach: What else?",
        "Client: I keep doubting it. I'm stressed.",
        "Coach: What will you do before the interview?",
        "Client: I'm excited now. I'm thrilled. I'll message her today, I'm ready.",
    )).emotional_shifts
    # (a dip on the way is no lift: the client leaves where they came in)
    assert shifts == []


def test_the_question_that_sets_the_session_up_is_never_the_catalyst():
    shifts = analyze_transcript(talk(
        "Coach: How are you today?",
        "Client: Good, actually. I'm happy, I'm good.",
        "Coach: So what would you like to get out of our time today?",
        "Client: I'm furious about the slide. I'm angry, I'm fed up, I'm upset.",
        "Coach: What's underneath that?",
        "Client: I'm frustrated with myself. I'm tired of it.",
        "Coach: What might you do instead?",
        "Client: I don't know. I'm stuck.",
        "Coach: How are you now, compared with the start?",
        "Client: I came in laughing and now I'm properly angry.",
    )).emotional_shifts
    assert [s.direction for s in shifts] == ["declined"]
    assert "what would you like to get out of" not in shifts[0].catalyst.lower()


def test_negation_reaches_its_own_clause_and_a_denied_thought():
    from analysis.adapters.analyzers.embedded import feelings, language

    said = {s.text: s for s in language.parse(build(talk(
        "Client: I don't think I'm ready for a decision. I feel a bit less like I'm drowning. "
        "I didn't know I was angry till just now.")))}
    assert feelings.state(said["I don't think I'm ready for a decision."]) < 0
    assert feelings.state(said["I feel a bit less like I'm drowning."]) > 0
    assert feelings.state(said["I didn't know I was angry till just now."]) < 0


def test_how_the_client_came_in_told_unasked_at_the_end_is_set_against_how_they_are():
    def shift(*ending: str) -> list[str]:
        return [s.direction for s in analyze_transcript(talk(
            "Coach: What would you like to work on?",
            "Client: The complaint about Dan. My head's all over the place, to be honest. I've felt sick since Tuesday.",
            "Coach: What do you know about how Dan teaches?",
            "Client: He's careful. He's been careful for eleven years.",
            "Coach: What will you do?",
            "Client: I'll sit down with Dan on Monday and hear his side first.",
            "Coach: What else?",
            *ending,
        )).emotional_shifts]

    assert shift("Client: God. I came in here with my shoulders up round my ears. "
                 "I reckon I might actually sleep tonight.") == ["improved"]
    assert shift("Client: I'm more tired than when I came in, to be honest. I don't know what to do with that yet.") \
        == ["declined"]
    assert shift("Client: I don't feel better, if that's what you're asking. "
                 "If anything I feel worse now it's all out on the table.") == ["declined"]


def test_the_agreement_asked_in_any_wording_and_an_idea_offered_with_leave_are_no_faults():
    result = analyze_transcript(talk(
        "Coach: Right, good morning. What's the one thing you want out of today?",
        "Client: Um. Morning. Sorry, I've literally just come off the phone with the pharmacy, so give me a sec. "
        "Right. I want to drop a session. One clinical session a week.",
        "Coach: What's stopped you asking so far?",
        "Client: I'm the one who copes. And I'm worried about Priya and Tom, they're already drowning.",
        "Coach: Can I offer an idea? You can say no.",
        "Client: Sure.",
        "Coach: Some people in your position find it helps to write down what they'd hand over first.",
        "Client: Hm. No. I'd rather just talk to Raj.",
        "Coach: Talk to Raj. What would you say?",
        "Client: That I'm tired and I want Tuesday afternoons back. The email goes to Raj before surgery on Thursday.",
        "Coach: Good. Enjoy your Sunday dinner.",
    ))
    assert result.session_summary.startswith("The client came wanting to drop a session.")
    assert 'before surgery on Thursday."' in result.session_summary and '."."' not in result.session_summary
    missed = {m.pcc_marker[:3]: m for m in result.coach_feedback.missed_opportunities}
    assert "3.1" not in missed  # the agreement was asked for
    assert "7.5" not in missed  # the idea came with leave, and the client's "no" was taken
    assert "8.5" not in missed  # a parting wish sets no task


def test_someone_elses_fear_told_in_a_story_is_no_feeling_the_coach_passed_over():
    result = analyze_transcript(talk(
        "Coach: What's gone well?",
        "Client: I got design and the risk team to agree on a flow. I sat with each of them separately, and I "
        "figured out what each side was actually scared of, and then I wrote the spec.",
        "Coach: So you got two teams who wouldn't sit in the same meeting to ship something together.",
        "Client: Yeah. Yeah, I did that.",
        "Coach: What does that tell you about what you're good at?",
        "Client: That I can get people who don't trust each other to build one thing.",
    ))
    assert not [m for m in result.coach_feedback.missed_opportunities if m.pcc_marker.startswith("6.3")]


def test_a_thing_said_first_or_done_to_is_a_dated_plan_and_what_the_client_has_until_a_date_is_not():
    found = actions(talk(
        "Coach: What will you do this week?",
        "Client: Maybe after Christmas. There's no time now, I have the big hospital contract until December.",
        "Coach: And this week?",
        "Client: The rate card, for new clients, nine cents, that goes on LinkedIn before the end of the month. "
        "And the Beethoven gets played with the breath on Sunday, the whole excerpt, no stopping even if it cracks.",
        "Coach: Good.",
    ))
    assert found == ["The rate card, for new clients, nine cents, that goes on LinkedIn before the end of the month.",
                     "the Beethoven gets played with the breath on Sunday, the whole excerpt, no stopping even if it "
                     "cracks."]


def test_a_win_told_by_how_rare_it_was_is_quoted_from_the_deed_and_the_set_up_of_a_collapse_is_no_win():
    assert celebrated(talk(
        "Coach: Before we get into anything, what's gone well since we last spoke?",
        "Client: Um. Well. Honestly, I did actually leave at five on Monday. Like, properly left, didn't take the "
        "laptop home. First time since September.",
        "Coach: First time since September. What made Monday different?",
        "Client: I decided the marking wasn't going anywhere.",
    )) == "Honestly, I did actually leave at five on Monday."
    assert celebrated(talk(
        "Coach: What's been happening?",
        "Client: The Price trial. We had CCTV, we had two witnesses, we had the lot. Eighteen months' work. And on "
        "day three the defence found a bit of footage nobody had disclosed. Judge stopped it.",
        "Coach: What was that like?",
        "Client: Honestly horrible.",
    )) is None


def test_an_exclamation_is_no_theme():
    themes = analyze_transcript(talk(
        "Coach: What's the most useful thing we could do with them?",
        "Client: Oh man. Honestly, I'm at the end of my rope. We're down four nurses and I've been filling holes.",
        "Coach: Filling holes?",
        "Client: Oh man, the holes. Every night there's a hole in the rota.",
    )).key_themes
    assert "oh man" not in themes and "man" not in themes


def test_a_view_put_as_a_question_a_saying_handed_down_or_a_reason_told_are_the_clients_own_statements():
    said = reading.read(talk(
        "Coach: What gets in the way of raising your rates?",
        "Client: The thing is, who am I to charge agency rates? Coaches aren't business people, are they? "
        "My nan used to say you can be polite and still say no. Part of me still thinks four hours is cheating. "
        "Malcolm always said I was the stubbornest woman in Fife. Is that the sort of thing you mean? "
        "She told me to leave it with her.",
        "Coach: What else matters to you here?",
        "Client: You don't leave an animal in pain because the rota says you're off. And you can't tell a child "
        "it's their home and then make them knock. You told me to write those down.",
    ))
    own = {s.text for s in sentence_features.candidates(said)}
    assert {"The thing is, who am I to charge agency rates?", "Coaches aren't business people, are they?",
            "My nan used to say you can be polite and still say no.",
            "Part of me still thinks four hours is cheating.",
            "You don't leave an animal in pain because the rota says you're off.",
            "And you can't tell a child it's their home and then make them knock."} <= own, own
    # someone's view of the client, a question that asks, and someone else's words stay out
    assert own.isdisjoint({"Malcolm always said I was the stubbornest woman in Fife.", "Is that the sort of thing you mean?",
                           "She told me to leave it with her.", "You told me to write those down."}), own


def test_the_check_out_asked_in_other_words_is_read_as_the_check_out():
    for asked, answered, direction in (("How is it sitting with you now?", "Heavier, if I'm honest. Worse.", "declined"),
                                       ("Where's your head at now?", "Clearer. Honestly, a lot clearer.", "improved")):
        shifts = analyze_transcript(talk(
            "Coach: How are you arriving today?",
            "Client: Bit all over the place. I've had the quarterly figures land on me this week and I haven't stopped.",
            "Coach: What would you like to get from this hour?",
            "Client: I want to decide whether I take the regional role or stay where I am.",
            "Coach: What does the regional role give you that you don't have now?",
            "Client: A bigger patch, more say in hiring. More travel too, which my partner won't love.",
            "Coach: And what does staying give you?",
            "Client: Knowing everybody. Being home for tea. I suppose I've been telling myself the bigger job is the "
            "grown-up choice.",
            "Coach: Who says it's the grown-up choice?",
            "Client: My dad, probably, in my head. I'm going to talk it through with Sam tonight and tell Ruth by Friday.",
            f"Coach: {asked}",
            f"Client: {answered}",
        )).emotional_shifts
        assert [s.direction for s in shifts] == [direction], (asked, shifts)
        assert answered.split(".")[0] in shifts[0].evidence[-1], shifts[0].evidence


def test_the_check_in_asked_in_other_words_gives_the_start_of_the_shift():
    for asked in ("How's things?", "How've you been since we last spoke?", "How did the week go?"):
        shifts = analyze_transcript(talk(
            f"Coach: {asked}",
            "Client: Honestly? Pretty rough. I'm knackered and I'm dreading Monday's board.",
            "Coach: What would you like to get from this hour?",
            "Client: I want a way into the board meeting that isn't me apologising for the numbers.",
            "Coach: What do the numbers actually say?",
            "Client: That we lost the Harris contract. I'm absolutely furious with myself about it, I should have seen "
            "it coming.",
            "Coach: What would you say to a colleague who'd lost it?",
            "Client: That it happens. That the contract was always shaky. I suppose I'd be kind to them.",
            "Coach: And to yourself?",
            "Client: Same, I guess. It was shaky. I'm going to open with the pipeline, not the loss, and I'll send Jo "
            "the slides tonight.",
            "Coach: How are you feeling now?",
            "Client: Calmer. Much calmer than when I came in, actually. I feel ready for it.",
        )).emotional_shifts
        assert [(s.direction, s.evidence[0]) for s in shifts] == [("improved", "Pretty rough.")], (asked, shifts)


def test_a_thing_done_on_a_day_is_no_plan_whatever_the_tagger_makes_of_its_verb():
    found = analyze_transcript(talk(
        "Coach: Where are you with it now?",
        "Client: Well, the good news first. I swam on Sunday. Open water, at the lake, first time since she was born.",
        "Coach: What will you do next?",
        "Client: Tonight I'm putting it on the fridge calendar with her.",
    ))
    assert [a.action for a in found.action_items] == ["Tonight I'm putting it on the fridge calendar with her."]
    assert found.intention.behavior_change == "Tonight I'm putting it on the fridge calendar with her."


def test_an_occasion_the_plan_opens_on_dates_the_plan_and_is_no_plan_itself():
    found = analyze_transcript(talk(
        "Coach: What will you do?",
        "Client: I will talk to Aisha soon. Properly.",
        "Coach: What does soon look like?",
        "Client: Ha. Okay. Saturday. We close at one on Saturday. After we close, I will sit down with Aisha in the "
        "back, no phones, and I ask her straight if she wants to be the manager.",
    ))
    assert [(a.action, a.timeline) for a in found.action_items] == [
        ("I will sit down with Aisha in the back, no phones, and I ask her straight if she wants to be the manager.",
         "on Saturday")]
    assert found.intention.behavior_change.startswith("I will sit down with Aisha")


def test_how_the_client_will_know_the_session_worked_is_no_step():
    found = analyze_transcript(talk(
        "Coach: What would you like to get from today?",
        "Client: I want to work out if I can actually do it.",
        "Coach: How will you know if we've got there?",
        "Client: I'll have a plan that doesn't make me want to lie down. That's the test.",
        "Coach: Tell me about the stall.",
        "Client: It's been going twelve years. I'm putting ten pieces on Vinted by Sunday night.",
    ))
    assert [a.action for a in found.action_items] == ["I'm putting ten pieces on Vinted by Sunday night."]



def test_a_realisation_finished_in_three_words_is_quoted_whole():
    found = analyze_transcript(talk(
        "Coach: What would you like from today?",
        "Client: To work out whether I hand my notice in. I've been at the probation service nine years.",
        "Coach: What's making you think of leaving?",
        "Client: I'm tired all the time. Forty-two people on my list and I can't see any of them properly.",
        "Coach: If you could change one thing about the work, what would it be?",
        "Client: Fewer people. Time to actually sit with someone. Oh. Actually, it's not the job I want to leave. "
        "It's the caseload.",
        "Coach: What does that change?",
        "Client: It means I ask about the reduced caseload pilot before I decide anything. I'll email my manager on Monday.",
    )).client_discoveries
    realisation = next(d for d in found if "not the job I want to leave" in d.insight)
    assert "It's the caseload." in realisation.evidence


@pytest.mark.parametrize("said", [
    "For me, it's all about integrity.", "It's about respect, at the end of the day.", "What drives me is helping people grow.",
    "Learning keeps me going.", "Creativity is where I come alive.",
])
def test_a_value_named_as_what_drives_the_client_is_a_core_value(said):
    found = typed_values(talk(
        "Coach: What would you like to explore today?", "Client: Whether to take the regional role they offered me.",
        "Coach: What's coming up for you as you think about it?", f"Client: Hmm. {said}",
        "Coach: Say more about that.", "Client: It's hard to put into words, but yes."))
    assert ("Core Value", said) in found


def test_what_someone_keeps_telling_the_client_is_not_the_clients_own_view():
    found = typed_values(talk(
        "Coach: What's getting in the way?", "Client: My sister keeps telling me I'm too old to retrain.",
        "Coach: And what do you tell yourself?", "Client: Some days I believe her."))
    assert not any(said == "My sister keeps telling me I'm too old to retrain." for _, said in found)


def test_a_person_in_the_story_and_a_misparsed_phrase_are_never_themes():
    themes = analyze_transcript(talk(
        "Coach: What would you like to look at today?",
        "Client: The pricing for my pottery classes. I sit at the kitchen table every night doing sums and the pricing never works.",
        "Coach: What happens at the kitchen table?",
        "Client: I get the calculator out, the jumble sale woman from next door pops in, and I end up doubting my pricing all over again.",
        "Coach: What's the doubt about?",
        "Client: Whether people will pay. The jumble sale woman says nobody round here pays forty pounds. At the kitchen table it feels true.",
        "Coach: What would a fair price for your pottery classes be?",
        "Client: Thirty-five. That covers the clay, the kiln and my time. Maybe my self-doubt is the real problem, not the pricing.",
        "Coach: What will you do?",
        "Client: I'll put the new prices on the website on Monday, and stop doing sums at the kitchen table.",
    )).key_themes
    assert "pricing" in themes
    assert not any(t.endswith(("woman", "table")) for t in themes)


def test_a_put_down_the_client_has_started_to_believe_is_no_win():
    opening = [
        "Coach: Where would you like to start today?",
        "Client: Why I never stick to anything. I start strong and then it fizzles out.",
        "Coach: When you say never, what comes to mind?",
        "Client: My wife said, \"You'll be bored of this by March,\" and she was right. It stung. But I suppose I've "
        "started to believe it.",
    ]
    assert celebrated(talk(*opening)) is None
    assert celebrated(talk(*opening, "Coach: And since we last met?",
                           "Client: I've started running again, three mornings this week.")) is not None


def test_how_the_client_starts_things_is_not_how_they_feel():
    from analysis.adapters.analyzers.embedded import feelings

    said = {x.text: x for x in reading.read(talk(
        "Coach: What's the pattern?",
        "Client: I start strong and then it fizzles out. I finished strong last year. I feel strong today.",
    ), False).sentences}
    assert feelings.state(said["I start strong and then it fizzles out."]) is None
    assert not feelings.felt(said["I finished strong last year."])
    assert feelings.state(said["I feel strong today."]) > 0.3


def test_what_the_client_will_do_is_a_plan_not_a_discovery():
    found = analyze_transcript(talk(
        "Sarah: What do you notice about that?",
        "James: That I'm the bottleneck. Everyone's waiting on me and I keep saying I'm too busy, but I'm making myself busy.",
        "Sarah: So what do you want to do?",
        "James: I'm going to tell Aisha on Monday that the next report is hers, start to finish, and she presents it. "
        "I'll only review it if she asks me to.",
        "Sarah: What are you leaving with today?",
        "James: That doing it myself isn't a strength anymore. It's the thing holding the team back. And me.",
    )).client_discoveries
    quoted = {e for d in found for e in d.evidence}
    assert "That doing it myself isn't a strength anymore." in quoted
    assert not any(e.startswith(("I'll", "I'm going to")) for e in quoted)


def test_pride_in_what_was_made_is_quoted_by_what_was_made():
    win = analyze_transcript(talk(
        "Coach: Did you finish the product photos?",
        "Client: Some of them. The lavender ones came out really nicely actually. I was quite proud of those.",
        "Coach: Good. What's next?",
        "Client: The rest of the range, I suppose.",
    )).celebration
    assert win is not None and win.description == "The lavender ones came out really nicely actually."
    assert "I was quite proud of those." in win.evidence


def test_work_the_client_would_be_proud_of_is_a_value_not_a_win():
    result = analyze_transcript(talk(
        "Coach: What would you like by the end of our conversation?",
        "Client: A decision about the agency offer. They want an answer by Friday.",
        "Coach: What matters most to you in this decision?",
        "Client: Doing work I'm proud of. And not putting my family at risk. Those two are pulling against each other.",
        "Coach: How does that land?",
        "Client: Clearer. It's not a leap in the dark if I've looked first.",
    ))
    assert result.celebration is None
    assert any(v.type == "Core Value" and "Doing work I'm proud of." in v.evidence for v in result.values_beliefs)


def test_a_coach_who_tells_is_not_credited_with_reflections_or_evoking_questions():
    result = analyze_transcript(talk(
        "Coach: Last time we talked about your side business. Did you set up the website?",
        "Client: Not yet. I've been so busy with the kids and work. I did buy the domain name though.",
        "Coach: You really need to get the website up, you know. Without it you won't get any customers.",
        "Client: I have looked at Squarespace, yeah.",
        "Coach: Why don't you just block out Saturday and get it done?",
        "Client: Maybe. Saturdays are hard though, it's swimming lessons and then my mum comes round. I'm just worried "
        "I'm not really a business person. My sister's the business brain in the family.",
        "Coach: Well, you won't know unless you try. And you should post on Instagram every day.",
        "Client: Okay.",
    ))
    fb = result.coach_feedback
    strengths = {s.pcc_marker.split()[0] for s in fb.strengths}
    assert "6.7" not in strengths  # "You really need to..." tells; it reflects nothing back
    assert "7.2" not in strengths and not any(q.question.startswith("Why don't you") for q in result.powerful_questions)
    advice = next(m for m in fb.missed_opportunities if m.pcc_marker.startswith("7.5"))
    assert "You really need to get the website up, you know." in advice.evidence


def test_asking_how_it_landed_is_meeting_the_feeling_not_moving_on():
    fb = analyze_transcript(talk(
        "Coach: What would be most helpful to look at today?",
        "Client: Why I never stick to anything. I start strong and then it fizzles out.",
        "Coach: When you say never, what comes to mind?",
        "Client: The running club. The diet. My wife jokes that I've got a drawer full of abandoned hobbies, and I feel "
        "ashamed every time she says it.",
        "Coach: How did that land for you, when she said it?",
        "Client: It stung. I suppose I've started to believe her.",
    )).coach_feedback
    assert not any(m.pcc_marker.startswith("6.3") for m in fb.missed_opportunities)


def test_a_step_timed_against_the_plan_before_it_takes_that_plans_day():
    items = {a.action: a.timeline for a in analyze_transcript(talk(
        "Coach: What would be a first step?",
        "Client: I'll pick the Tuesday planning meeting. I'll write down one question beforehand and ask it in the "
        "first fifteen minutes.",
        "Coach: And after that?",
        "Client: I'll call Jamal on Monday. I'll also look at the course list.",
    )).action_items}
    assert items["I'll write down one question beforehand and ask it in the first fifteen minutes."] == "Tuesday"
    assert items["I'll pick the Tuesday planning meeting."] == "Tuesday"  # the occasion stays a plan of its own
    assert items.get("I'll also look at the course list.", None) is None  # not timed against Monday's call


@pytest.mark.parametrize(("said", "is_plan"), [
    ("I'll draft the whole budget by the 20th, if that's okay?", True),  # a courtesy, not a condition
    ("I'll send Lou the staff costs on Thursday, is that alright?", True),
    ("I'll send Lou the staff costs on Thursday if she replies.", False),  # a condition
    ("Can I send it to you on Thursday, if that's okay?", False),  # a request
])
def test_a_plan_that_asks_leave_is_still_a_plan(said, is_plan):
    found = actions(talk("Coach: How will you know you're on track?", f"Client: {said}", "Coach: Of course.", "Client: Thanks."))
    assert (said in found) is is_plan


# a dog groomer deciding whether to hire (a session written for these tests, not from the labelled set)
_GROOMER = (
    'Coach: Morning. How are you doing today?',
    'Client: Yeah, alright. Bit knackered. Had a cockapoo in at half seven this morning that did not want to be there, so.',
    'Coach: Sounds like quite a start.',
    "Client: Ha, yeah. It's fine. It's fine. He was fine in the end, they always are.",
    'Coach: Before we get into today, last time you said you wanted to have a go at the, um, the Mrs Aldridge situation. How did that go?',
    "Client: Oh. Yeah, actually, I did it. I told her. I said, look, if you're going to be forty minutes late again I'm going to have to charge for the slot. And she was, she was a bit sniffy about it but she paid. Full whatever. And then she was on time on Thursday. Bang on time.",
    'Coach: How was that for you?',
    "Client: Honestly? Felt brilliant. I was shaking a bit beforehand. Which is ridiculous, she's a five-foot woman with a shih tzu. But yeah. Felt good.",
    'Coach: You were shaking and you did it anyway.',
    'Client: Yeah. Yeah, I suppose I did.',
    'Coach: So what would you like to use our time for today?',
    "Client: Um. So it's the, the hiring thing. Again. I know we keep circling it. The waiting list's up to, what, three and a half weeks now. And I'm turning people away. Regulars, some of them. And everyone keeps telling me, just get someone in, just get someone in. My sister says it literally every time I see her.",
    'Coach: And what do you want to come away with, on that?',
    "Client: I think I want to actually decide. Like, yes or no. Or at least, um, know what's stopping me. Because I keep saying I'll do it and then I just don't.",
    "Coach: Decide, or know what's stopping you. Which of those matters more today?",
    'Client: The second one, probably. If I knew that I think the deciding would sort itself out.',
    'Coach: Okay. So what is stopping you?',
    "Client: Money, mainly. I mean, that's the obvious one. If I take someone on, even part time, that's, you know, wages, national insurance, pension, all that. And I don't know if the numbers work. My accountant said he'd send the figures over by the end of last week and he hasn't, so I'm sort of in limbo.",
    'Coach: Mm.',
    "Client: So I don't, well, I don't know if it's affordable. That's where I'm at.",
    "Coach: Let's say the figures came through tomorrow and they said yes, it's affordable, comfortably. What happens then?",
    "Client: Then I'd... um. Then I'd have to find someone.",
    'Coach: And how does that feel?',
    "Client: Worse, actually. Weirdly. That's weird. I thought that'd feel like relief.",
    "Coach: What's the worse bit?",
    "Client: Somebody else doing the dogs. Like, somebody else with their hands on, I've got this old lurcher, Nell, she's fourteen, she's got arthritis in her back legs and I know exactly how she needs to stand, and I know she hates the dryer on her left side. And some twenty-year-old who's done a six-week course is just going to, just whack her up on the table.",
    'Coach: You know these dogs really well.',
    "Client: I know every one of them. That's the whole point. That's why people come to me and not the place on the retail park. They come because I know their dog.",
    "Coach: What's important to you about that?",
    "Client: That the dogs go home happy. Not just looking nice. Happy. And that the owners can hand over the lead and not worry, because whoever's got their dog is treating it like it's their own. That's, yeah. That's the thing. If I lose that I've just got, I've got a business that cuts hair.",
    'Coach: The dogs going home happy. And owners not having to worry.',
    'Client: Yeah.',
    "Client: Sorry, I've gone quiet on you. I'm just thinking.",
    'Coach: Take your time.',
    "Client: So it's not really about the money, is it. It's about trusting someone with my name. Because it's my name on the van. If they mess up, it's me. It's Sam's that hurt Nell, not, whoever she is.",
    "Coach: What's it like to hear yourself say that?",
    "Client: Bit annoying, honestly. Because I've been hiding behind the accountant for about two months. Ha.",
    'Coach: What would you need, to trust someone with your name?',
    "Client: I'd need to see them. Like, properly see them work. Not an interview. Anyone can talk nicely in an interview. I'd need to watch them with a difficult dog.",
    'Coach: What would that look like?',
    "Client: Um. A trial day? Maybe a couple. Paid, obviously. Give them the easy ones first and then, yeah, see how they get on with something like Nell. Or a nervy one. Actually, what I'd really watch is what they do when the dog won't play ball. Whether they get, you know, rough, or whether they slow down.",
    "Coach: That's very specific.",
    "Client: It is, isn't it. I know what I'm looking for, I just hadn't said it out loud.",
    "Coach: Is there anyone you'd consider?",
    "Client: There's Kerry. She used to be at the big place, she left, she's been doing bits of mobile grooming. She messaged me back in, January? Saying if I ever needed cover. And I never replied. Which is terrible.",
    'Coach: What do you make of that now?',
    "Client: I think I didn't reply because then I'd have to actually do something.",
    'Coach: Mm.',
    "Client: Nobody's going to care about them the way I do. That's what I keep telling myself. That's, that's always been the line in my head.",
    "Coach: Nobody's going to care the way you do. How sure are you of that?",
    "Client: Pretty sure? I mean. I don't know. When I started, my old boss, Jackie, she let me do dogs on my own after about three months and I cared. I cared loads. I used to cry if I nicked one. So, I suppose, somebody trusted a new girl once. That was me.",
    'Coach: So you were once the person someone else had to trust.',
    "Client: Yeah. God. Yeah. She must've felt exactly like this, mustn't she.",
    'Coach: What would you like to do with all this?',
    "Client: Right. Okay. I think, um, I'm going to message Kerry. No, not message. I'll ring her. On Tuesday, because Tuesday's my short day, I finish at two. I'll ring her Tuesday afternoon and ask if she'd do a paid trial. One Saturday, to start.",
    'Coach: Tuesday afternoon, ring Kerry, ask about a paid trial on a Saturday.',
    "Client: Yeah. And I'll be straight with her about what I'd want to see. Like, tell her I'll be watching how she is with the nervous ones. No point being cagey.",
    "Coach: How likely is it you'll make that call, one to ten?",
    "Client: Eight. Nine. It's only a phone call. The phone call's fine.",
    'Coach: What would make it a ten?',
    "Client: If I put it in the diary now. Hang on. Right. Tuesday, half two, ring Kerry. Done. It's in.",
    'Coach: And the accountant?',
    "Client: Oh, he'll get round to it. I'm not going to chase him this week, honestly. The numbers'll be what they are.",
    'Coach: Anything else you want to take from today?',
    "Client: I'd love to, at some point, maybe get to where I can take a proper week off. Like an actual holiday. Haven't had one in three years. That'd be nice one day. But that's, that's way off.",
    'Coach: What would that mean to you?',
    "Client: Ha. That I'd built something that works without me standing in the middle of it. But, yeah. Let's see how Kerry goes first.",
    'Coach: How are you leaving today?',
    "Client: Lighter. Bit exposed, actually. But lighter. It's nice to know it's not the money. Well, it's a bit the money. But it's not mainly the money.",
    'Coach: Thanks, Sam. Good luck on Tuesday.',
    "Client: Cheers. I'll let you know how it goes.",
)


def test_what_the_coach_asks_how_sure_the_client_is_of_is_the_limiting_belief():
    typed = typed_values(talk(*_GROOMER))
    assert ("Limiting Belief", "Nobody's going to care about them the way I do.") in typed, typed


def test_a_plan_the_client_corrects_at_once_and_their_working_hours_are_no_actions():
    found = analyze_transcript(talk(*_GROOMER))
    assert [(a.action, a.timeline) for a in found.action_items] == [
        ("I'll ring her Tuesday afternoon and ask if she'd do a paid trial.", "Tuesday afternoon")]
    assert found.intention.behavior_change == "I'll ring her Tuesday afternoon and ask if she'd do a paid trial."


def test_talk_about_the_talk_and_what_the_client_will_not_do_are_no_discoveries():
    found = [d.insight for d in analyze_transcript(talk(*_GROOMER)).client_discoveries]
    assert not any("gone quiet" in d or "just thinking" in d for d in found), found
    assert not any("chase him" in d for d in found), found
    assert any("not really about the money" in d for d in found), found


def test_the_news_that_it_is_done_gives_way_to_the_deed_told_after_it():
    win = analyze_transcript(talk(*_GROOMER)).celebration
    assert win.description == "I told her.", win
    assert "actually, I did it." in win.evidence, win


def test_a_goal_said_with_an_adverb_before_its_verb_reads_as_a_sentence():
    summary = analyze_transcript(talk(*_GROOMER)).session_summary
    assert "came wanting to actually decide" in summary and "work on actually" not in summary, summary


# a nurse thinking of leaving, with a coach who advises (written for these tests, not from the labelled set)
_NURSE = (
    "Greg: Hey Priya, good to see you. How's it going?",
    "Priya: Hi. Um, it's going. It's been a week.",
    'Greg: Yeah? Busy on the floor?',
    'Priya: We were short two nurses Monday and Tuesday, so, yeah. Busy is one word for it.',
    "Greg: Well, that's healthcare right now, right? Everybody's short. So last time we talked about you maybe looking at other options. Did you get a chance to look into any of that?",
    'Priya: Kind of. I talked to Jess, actually. I mentioned Jess before, she was on my unit for like six years and then she left last spring.',
    'Greg: Right, right, the one who went to the agency.',
    "Priya: Yeah. So Jess is doing, it's not exactly travel nursing, it's a staffing agency, they place you at different hospitals around the county and you pick your shifts. And I can't believe how much she's making. Like, I honestly can't believe it. She told me her hourly and I made her say it again.",
    "Greg: That's great. So that's a good option for you, then.",
    "Priya: Maybe? I mean, I don't know. Jess is, Jess is different than me. She likes change. She likes walking into a new place every week. I kind of like knowing where the crash cart is, you know?",
    "Greg: Sure, but you'd get used to it, right? People adapt.",
    'Priya: I guess.',
    "Greg: And the money's better, which is a big thing.",
    "Priya: It is. It's not really, honestly it's not the money for me. Or it's not only the money. I'm just, I'm so tired, Greg. Like, on Wednesday I sat in my car in the parking garage for forty minutes after my shift and I just couldn't make myself drive home. I just sat there. I think I was crying for part of it.",
    "Greg: Okay. So let's think about next steps. Have you updated your resume?",
    'Priya: No. Not yet.',
    "Greg: That's probably step one, right? You can't really apply for anything without a current resume.",
    'Priya: Yeah. Yeah, no, I know.',
    "Greg: And did Jess say whether her agency's hiring?",
    "Priya: She said they're always hiring. Jess said she could put my name in, she gets a referral bonus or something.",
    "Greg: Perfect. So that's an easy in. You should definitely take her up on that.",
    "Priya: I mean, maybe. If I got the job at the agency I'd probably drop to three shifts a week, because the rate's so much higher, and then I'd actually, like, see my kids on a weekday. That would be. Yeah. That part sounds good.",
    "Greg: See, that sounds amazing. Don't you think that sounds like the right move?",
    "Priya: It, it sounds nice. I don't know if it's the right move. I'm not sure I want to be a nurse anymore at all, honestly. Like, agency or not. That's kind of the thing I wanted to talk about today.",
    "Greg: Well, you've put what, fifteen years into it?",
    "Priya: Sixteen in September. I can't believe it's been sixteen.",
    "Greg: Sixteen years. That's a lot to walk away from. You don't want to just throw that away, right?",
    'Priya: No. I guess not.',
    "Greg: I'll be honest with you, when I left my corporate job, I had the same feeling, like I wanted to burn it all down. And what I figured out was it wasn't the work, it was the company. I think a lot of this is burnout talking. I see it a lot with my healthcare clients. What usually helps is a change of environment, not a change of career. Does that make sense?",
    'Priya: Yeah, that makes sense.',
    "Greg: So the agency thing is kind of perfect, because it's a change of environment.",
    "Priya: Mm. I did think about, there's a nursing program at the community college, they need clinical instructors. I've always kind of liked precepting the new grads. That's the one part of the job I still-",
    "Greg: Teaching's tough, though. The pay's not great. You'd be taking a step back financially, right?",
    'Priya: Probably, yeah.',
    "Greg: Whereas the agency, you'd be taking a step forward.",
    'Priya: Right.',
    'Greg: What about your manager, have you talked to her about your schedule?',
    "Priya: Dawn? No. Dawn's, Dawn has her own problems. She's covering two units right now.",
    'Greg: Okay, but it might be worth asking, right? Worst she can say is no.',
    'Priya: I guess.',
    'Greg: Did you do the journaling we talked about?',
    'Priya: Um. Twice? I did it twice.',
    "Greg: Okay, that's a start. I'd really encourage you to do it every day. It really helps.",
    'Priya: Okay.',
    "Greg: So here's what I'd like you to do this week. Update your resume, that's number one. Text Jess and tell her yes, put your name in. And I want you journaling every night, even just five minutes before bed. Can you do that?",
    "Priya: Yeah. I can, yeah. I'll try.",
    'Greg: Not try. Do.',
    "Priya: Ha. Okay. I'll do it.",
    'Greg: Great. And maybe talk to Dawn about the schedule, if you get a chance.',
    "Priya: Maybe. Yeah, we'll see.",
    'Greg: Anything else on your mind?',
    "Priya: No, I think, no. I mean. Jess said something that kind of stuck with me, actually. She said agency work is the same job, you just get paid more to be treated the same. And I honestly don't know if she meant that as a good thing or a bad thing.",
    'Greg: Ha, well, getting paid more is always a good thing.',
    'Priya: Yeah. Sure.',
    'Greg: Okay, so resume, Jess, journaling. Same time in two weeks?',
    'Priya: Yeah. Two weeks. Sounds good.',
    "Greg: Awesome. You've got this, Priya.",
    'Priya: Thanks. Bye.',
)


def test_a_yes_said_with_the_question_s_own_verb_is_no_belief():
    typed = typed_values(talk(*_NURSE))
    assert not any(d.startswith("I can, yeah") for _, d in typed), typed


def test_praise_an_opinion_and_a_suggestion_are_not_counted_as_reflections():
    feedback = analyze_transcript(talk(*_NURSE)).coach_feedback
    reflected = [q for f in feedback.strengths if f.pcc_marker.startswith("6.7") for q in f.evidence]
    assert not {"See, that sounds amazing.", "Whereas the agency, you'd be taking a step forward."} & set(reflected), reflected
    assert not any(q.startswith("maybe talk to Dawn") for q in reflected), reflected


# a COO before a board meeting, with a coach who tests her belief (written for these tests, not from the labelled set)
_BOARD = (
    'Daniel: Hi Helen. Can you, yep, there you are. How are you?',
    "Helen: Hi. Honestly? Not brilliant. I've been awake since about four.",
    'Daniel: Four.',
    "Helen: Yeah. Just lying there running the meeting in my head. Over and over. My heart's sort of, going, you know. It's silly.",
    "Daniel: It doesn't sound silly. What's the meeting?",
    'Helen: The board. Thursday. Well, it\'s the board, but really it\'s Richard. So, context, the integration, the Halden acquisition, it\'s behind. Properly behind. We told the board in September we\'d have the systems merged and the savings showing by Q1, and we won\'t. Not Q1, probably not Q2. And Richard has been, um, he\'s been presenting it as "slight slippage".',
    'Daniel: And you see it differently.',
    "Helen: I see the numbers. I own the numbers. It's not slight. I won't go into the figures but it is not slight.",
    'Daniel: What would you like to get from our time today?',
    "Helen: I want to walk in on Thursday and not feel like I'm going to be sick. And I want to know what I'm actually going to say. Because at the moment I've got about four versions and they all contradict each other.",
    "Daniel: Feeling less sick, and clarity on what you'll say. Where would you like to start?",
    "Helen: The saying. If I know what I'm saying I'll feel less sick.",
    "Daniel: Okay. What's making it hard to know what to say?",
    "Helen: Richard hired me. He, um, he took a chance on me when I'd never been a COO before, and he's backed me through some, some pretty rough stuff, including when my dad was ill. He's been loyal to me. And I feel like if I stand up in front of the board and say, actually, it's not slight slippage, it's six months, then I'm basically saying he's been misleading them. In front of everyone.",
    "Daniel: So there's loyalty to Richard.",
    'Helen: Huge loyalty. Yeah.',
    "Daniel: And what's on the other side of it?",
    "Helen: Being honest. Just, being honest. I've never been someone who fudges numbers. It's the one thing, my whole career, people know if Helen says it, it's real. And I've been sitting in these pre-meetings nodding along and it's, it's eating me.",
    'Daniel: Loyalty and honesty, pulling in different directions.',
    'Helen: Yes. Exactly that. And I keep thinking I have to pick one.',
    "Daniel: What's it like, holding both?",
    'Helen: Like, um. You know when you\'re carrying a tray of drinks through a crowded room? And someone\'s jostled you and one of the glasses has tipped and it\'s dripping down your arm, but you\'ve still got to get to the table, so you\'re smiling at everyone going "Fine! All fine!" That\'s what it\'s like.',
    'Daniel: Dripping down your arm, and smiling.',
    "Helen: Yeah. And everybody can probably see it's dripping. That's the thing. The board aren't stupid. Margaret, the chair, she's already sent me two quite pointed emails.",
    'Daniel: What happens to the tray if you keep walking?',
    "Helen: It gets worse. More spills. And then at some point the whole thing goes, and it's the auditors or the half-year numbers that knock it out of my hands. Not me.",
    "Daniel: And if it's not them?",
    "Helen: If it's me, I suppose I'd stop. I'd put the tray down before I get to the table. And say, look, one's gone over, here's how much, here's what we're doing about it. Rather than turning up soaked.",
    'Daniel: Put the tray down.',
    "Helen: Yeah. And actually, Richard's holding the tray as well, isn't he. We're both carrying it. It's not me versus him. We've both got a wet arm. Ha. This is getting silly now.",
    "Daniel: It doesn't sound silly to me. What's it telling you?",
    "Helen: That maybe I don't put it down in front of the board. Maybe I put it down with Richard first.",
    'Daniel: Say more about that.',
    "Helen: Well, my big fear is blindsiding him. In the room. But if I go to him before Thursday and say, I can't present this as slight slippage, here's what I'm going to say, and here's how I think we could say it together, then, then it's not a betrayal, is it. He gets the choice to come with me.",
    "Daniel: What's stopped you doing that so far?",
    "Helen: Because if I push back on him he'll see it as disloyal and that's me done. Career over. Here, anyway.",
    'Daniel: Is that true?',
    'Helen: Um. I mean. It feels true.',
    'Daniel: It feels true. Is it true?',
    "Helen: I don't know that it is, actually. He's never punished anyone for bad news. Not that I've seen. He was furious with Tom in finance last year, but that was because Tom sat on a problem for three months. He was cross about the sitting on it, not the problem.",
    'Daniel: So what does that tell you?',
    "Helen: That the thing that would actually damage it with Richard is me staying quiet and him finding out I knew. Not me telling him. God. It's the other way round.",
    'Daniel: How would you put that belief now?',
    "Helen: Something like, if I tell Richard early and properly, he might be annoyed, for a bit, but he'll respect it. And if I don't, that's when I lose him.",
    'Daniel: How does that land?',
    'Helen: Better. My shoulders have come down about three inches.',
    'Daniel: And what does that do to loyalty and honesty?',
    "Helen: They're not really opposites, are they. Being honest with him is the loyal thing. The disloyal thing is letting him walk into that room with a story that's going to fall over.",
    'Daniel: What do you want to do?',
    "Helen: Okay. So. First, the revised forecast has to be properly nailed down. Priti's team have most of it. I'll get it finished and signed off by the 14th. Actually, hang on, what's Thursday, the 16th?",
    'Daniel: I think so, yes.',
    "Helen: Right, so forecast final by Tuesday the 14th, that works. I'll tell Priti this afternoon. Then I'll book an hour with Richard on Wednesday morning. Before Thursday's meeting, definitely, not on the day. Walk him through it, tell him what I'm going to say, and ask him to present it with me.",
    'Daniel: And if he says no?',
    "Helen: Then I'll still say it. I'll just say it kindly. And I'll tell him that on Wednesday as well, so nothing on Thursday is a surprise.",
    'Daniel: That sounds clear.',
    "Helen: It does, doesn't it. It's clear. I'll also drop Margaret a short note saying the integration update will be fuller than planned. By Friday this week, so she's not ambushed either.",
    "Daniel: Let me check what I've heard. Forecast signed off by Tuesday the 14th. An hour with Richard on Wednesday, before Thursday's meeting. A note to Margaret by this Friday.",
    "Helen: Yes. That's it.",
    'Daniel: How are you feeling now, compared with when we started?',
    "Helen: Honestly, weirdly steady. I still don't like it. My stomach's still, you know. But I know what I'm doing. It's not four versions any more, it's one.",
    'Daniel: What would help you hold onto that between now and Thursday?',
    "Helen: The tray. Put it down before you get to the table. I'm going to write that on a Post-it and stick it on my monitor. Ha.",
    'Daniel: Good. Anything else before we finish?',
    'Helen: No. Thank you. That was, that was really useful. I might actually sleep tonight.',
)


def test_never_being_someone_who_fudges_numbers_is_a_value_and_it_feels_true_no_belief():
    typed = typed_values(talk(*_BOARD))
    assert any(t == "Core Value" and "never been someone who fudges numbers" in d for t, d in typed), typed
    assert not any("fudges numbers" in d for t, d in typed if t != "Core Value"), typed
    assert not any(d == "It feels true." for _, d in typed), typed


def test_moving_the_next_session_in_the_diary_is_no_action():
    found = actions(talk(
        "Coach: What's the plan for the proposal?",
        "Client: Tomorrow morning. I'm gonna do the pricing section first thing, and then send a draft to Lena.",
        "Coach: Okay. And logistics, I'm traveling next Tuesday, so can we move to Wednesday? Same time? Ten?",
        "Client: Ten's fine. Okay, cool. I'll move it on my calendar.",
        "Coach: I'll send a new invite anyway.",
    ))
    assert not any("calendar" in a for a in found), found
    assert any(a.startswith("I'm gonna do the pricing section") for a in found), found


def test_a_deed_said_with_fingers_crossed_is_no_win_and_a_sign_off_the_coach_hails_is():
    win = analyze_transcript(talk(
        'Coach: Hi, can you hear me?',
        "Client: Hi! Yeah, I, wait, you're cutting out a little. Can you hear me?",
        'Coach: I can hear you fine now. You froze for a second there.',
        "Client: Sorry, my wifi's been terrible all week. The building's doing something with the router. Okay. Hi. Sorry.",
        "Coach: No worries. I know we've only got fifteen minutes today, so, quick check-in. How's the week been?",
        'Client: Chaotic. Good chaotic, mostly. So the bakery logo, the Crumb and Co one? They signed off. Finally. Third round and they just said "yep, love it, send the files."',
        "Coach: Oh, nice. That's the one that's been dragging.",
        'Client: Since March. Yeah. I sent the invoice yesterday, so, fingers crossed on that.',
        "Coach: Congrats. That's a real one.",
        'Client: Thanks. It felt good. I did a little lap around the kitchen.',
        'Coach: What else is on your plate?',
        "Client: The podcast cover thing, I haven't started that. And the proposal for the bookstore, which, sorry, hang on, sorry, the dog. Juno, no. No. Sorry. There's a delivery guy. Okay.",
        "Coach: Ha, that's fine.",
        "Client: Where was I. The bookstore proposal. So that's due Friday, and I've got the mood boards done, I just need to write the actual, like, the pricing and the timeline part.",
        "Coach: What's the plan for that?",
        "Client: Tomorrow morning. Before I open email. I'm gonna do the pricing section first thing, like nine to eleven, and then send a draft to Lena to sanity-check the numbers.",
        'Coach: Nine to eleven, pricing, then over to Lena.',
        'Client: Yep.',
        "Coach: Okay. And logistics, I'm traveling next Tuesday, so can we move to Wednesday?",
        "Client: Wednesday's, um, what time?",
        'Coach: Same time? Ten?',
        "Client: Ten's fine. Wait, you're in Denver next week, right? So is that ten my time or ten your time?",
        'Coach: Your time. Ten Eastern.',
        "Client: Okay, cool. I'll move it on my calendar.",
        "Coach: I'll send a new invite anyway.",
        'Client: Perfect. Sorry this was so scattered.',
        'Coach: Not at all. Good luck tomorrow morning.',
        'Client: Thanks. Bye!',
    )).celebration
    assert win is not None and "send the files" in win.description, win
    assert not any("fingers crossed" in q for q in win.evidence), win


@pytest.mark.parametrize("routine", [
    "Wednesday's my worst day, I do the hospital run for my mum on Wednesdays.",
    "Every other Saturday, there's like four of them.",
    "God, I wake up at half four.",
])
def test_how_the_clients_week_goes_is_no_plan_and_a_plan_for_a_day_still_is(routine):
    found = actions(talk(
        "Coach: What will you do this week?",
        f"Client: {routine} Monday morning I go through next year and block out every other Saturday from June.",
    ))
    assert found == ["Monday morning I go through next year and block out every other Saturday from June."], found


def test_a_meeting_in_the_diary_that_the_coach_greets_is_no_win():
    win = analyze_transcript(talk(
        "Coach: So what will you do with that?",
        "Client: I've got my one-to-one with Helen on the 14th. Thursday the 14th. I'll ask her then.",
        "Coach: Great. So Thursday the 14th, your one-to-one with Helen, and you'll ask what she'd need to see. Anything else?",
        "Client: No, that's it.",
    )).celebration
    assert win is None or "one-to-one" not in win.description, win


# a man back to walking after a heart scare (written for these tests, not from the labelled set)
_WALKER = (
    'Coach: Morning. How are you doing? You look a bit brighter than last time.',
    'Client: Yeah, I- I am, I think. Bit tired. But yeah, better.',
    'Coach: Good. So where would you like to start today?',
    'Client: Well, I suppose the main thing is, I did actually do something this time. I walked to the allotment and back twice this week.',
    'Coach: Twice. How far is that?',
    "Client: It's about, what, a mile and a half each way? Bit more maybe. There's the hill up by the church, that's the bit that gets me.",
    'Coach: And what was it like, doing it?',
    'Client: First time I was, honestly I was nervous. I kept sort of checking in with my chest, you know, is that a twinge, is that something. Every little thing. Second time was better. Second time I actually noticed the hedges and that. Had a chat with Pete at the gate.',
    'Coach: So the first time you were mostly listening to your body for danger, and the second time you got a bit of the walk back.',
    "Client: Yeah. Yeah, that's it exactly.",
    "Coach: What made it possible this week, when it hadn't been before?",
    "Client: Erm. I don't know really. The weather, partly. And my wife said she'd come the first time, and then she didn't in the end because her sister rang, so I just went. Which was probably good, actually, because if she'd come I'd have let her set the pace and I'd have told myself it didn't count.",
    'Coach: Interesting. So going on your own made it count.',
    'Client: Sort of. Yeah.',
    "Coach: Let's hold onto that. Last time we talked about where you'd like to be by, say, the summer. Has that picture changed at all?",
    "Client: Not really. I'd like to be, I'd love to be doing the parkrun again. Not running it, I'm not daft, but walking it. With the lads from work who still do it. That's, that's the thing I keep thinking about. I'm not there though. Not even close.",
    "Coach: Okay. So the parkrun's the hope, and it's still out there.",
    "Client: It's still out there. Some days it feels a long way out.",
    'Coach: What did your GP say about exercise, when you last saw her?',
    "Client: The doctor said I should be aiming for thirty minutes most days, brisk, where I can talk but not sing. That's how she put it. Talk but not sing. And build up. She was quite keen, actually, keener than I was. She said the rehab stuff's there for a reason and I shouldn't be wrapping myself in cotton wool.",
    'Coach: And how did that land, hearing that?',
    'Client: Honestly? I nodded and then I went home and sat on the sofa for a fortnight.',
    'Coach: Mm.',
    "Client: Because, look, the thing is, and I know how this sounds, men in my family don't make old bones. My dad went at sixty-one. His brother, sixty-four I think. Grandad, I never even met him. So part of me's sat there going, well, what's the point, it's coming anyway.",
    "Coach: That's a big thing to be carrying around.",
    "Client: It's just how it's always been.",
    "Coach: Can I ask what your dad's life looked like? Health, habits, that sort of thing.",
    'Client: Oh, he smoked forty a day. Till the end, nearly. Never went to a doctor if he could help it. Fry-up every morning.',
    'Coach: And your uncle?',
    'Client: Same really. Worse. Drank more.',
    'Coach: And you?',
    "Client: Well I don't smoke, I packed that in, God, twenty-odd years ago. I'm on the tablets now. I'm- hm.",
    'Coach: Take your time.',
    "Client: I was going to say I'm not like them, but I've sort of always thought I was. Like it was in the blood.",
    'Coach: What are you noticing, as you say that?',
    "Client: That maybe... it was the fags and the fry-ups as much as the blood. I mean I'm not saying the genes don't come into it, the doctor did ask about my dad. But they never did any of what I'm doing. They never had the warning I had. I've had the warning. That's, that's actually different, isn't it?",
    'Coach: It sounds like it might be.',
    "Client: Huh. I've been treating the warning like a sentence, when it's more like, I don't know, a chance they never got.",
    "Coach: That's quite a shift.",
    "Client: Yeah. Don't get too excited, I'll probably be back on the sofa by Thursday.",
    "Coach: Maybe. We'll see. What's at stake for you in all this? Not the doctor's reasons, yours.",
    "Client: The grandkids, mainly. Our Lily's four and Josh has just turned two. I want to be the grandad who takes them to the swings and chases them round on the beach. Not the one sat in the deckchair out of breath. I want to be around when Lily's learning to drive, that's, that's a long way off, but. Yeah. I want to see them grow up. That's it really.",
    'Coach: You want to be there, and you want to be in it with them, not watching.',
    'Client: Yeah. Not watching. Exactly.',
    "Coach: So if we come back to the walking. The doctor's talking thirty minutes most days. You've done the allotment twice. What feels like the right next step? Not the ideal one, the one you'd actually do.",
    "Client: I've been thinking about the gym, there's one by the big Tesco. But if I joined the gym I'd probably go like mad for two weeks and then stop, that's what I did in 2015. Paid for a year, went about six times.",
    "Coach: So the gym's got some history.",
    "Client: It's got history. I'm not doing that again. Not yet anyway.",
    'Coach: What about the allotment walk?',
    "Client: That I can do. I like it, there's a reason to go. I can check on the onions.",
    'Coach: How often, and when?',
    "Client: Three times. Monday, Wednesday, Friday. And, well, the doctor said build up, so maybe on the Friday I'll go the long way round by the canal. That adds a bit.",
    "Coach: And how will you know you've done it?",
    "Client: I'll put it on the calendar in the kitchen. Just a tick. My wife'll see it anyway, she sees everything.",
    'Coach: So Monday, Wednesday and Friday, the allotment and back, Friday the long way by the canal, and a tick on the kitchen calendar each time.',
    "Client: Yeah. That's three ticks by next Friday. Nine by the time we next speak, if it's the three weeks.",
    'Coach: How confident are you, out of ten?',
    "Client: Seven? Seven. Wednesday's my worst day, I do the hospital run for my mum on Wednesdays. Might have to be Thursday some weeks.",
    'Coach: Would you rather build that in now?',
    "Client: Go on then. Wednesday or Thursday. But three a week, that's the bit that matters.",
    'Coach: Three a week. And what might get in the way, apart from Wednesdays?',
    "Client: Me. Getting in my own head about the twinges. But, I don't know. I walked it twice and nothing happened. Well, something happened, I saw Pete.",
    'Coach: And if a twinge does come?',
    "Client: Then I stop, I sit on the bench by the church, and if it doesn't settle I ring. That's what the rehab nurse said. I've got the spray in my coat.",
    "Coach: Sounds like you've got a plan for the wobbly bits too.",
    "Client: Yeah. I have, haven't I. Right.",
    'Coach: Anything else before we wrap up?',
    "Client: No, I think that's, no. Actually, just, thanks. That bit about the warning. I'll be chewing on that.",
    "Coach: I'm glad. Me too.",
)


def test_taking_up_a_step_the_coach_names_is_no_belief():
    typed = typed_values(talk(*_WALKER))
    assert not any(d == "That I can do." for _, d in typed), typed
    assert ("Limiting Belief", "Because, look, the thing is, and I know how this sounds, men in my family don't make old bones."
            ) in typed, typed


def test_a_plan_said_with_a_time_of_day_takes_its_day_from_the_fragment_before_it():
    found = analyze_transcript(talk(
        "Coach: What's the plan for the proposal?",
        "Client: Tomorrow morning. Before I open email. I'm gonna do the pricing section first thing, like nine to "
        "eleven, and then send a draft to Lena.",
    )).action_items
    assert [(a.action[:40], a.timeline) for a in found] == [("I'm gonna do the pricing section first t", "Tomorrow morning")]
    assert found[0].evidence[-1] == "Tomorrow morning.", found


def test_a_session_with_no_agreement_and_the_actions_set_by_the_coach_built_towards_no_intention():
    middle = ("Client: The caterer let us down again on Saturday and the bride's mother rang me at midnight.",
              "Coach: You need to drop that caterer. Ring the new one on Monday and get a quote.",
              "Client: Fine. Monday.",
              "Coach: And send the mother an apology by Friday.",
              "Client: I'm ringing the mother myself tomorrow morning, before she rings me.",
              "Coach: Good. Anything else?",
              "Client: No, that's it.")
    told = analyze_transcript(talk("Coach: How was the weekend?", *middle))
    assert told.intention is None
    # what the client said they will do is still among the actions
    assert any("ringing the mother myself tomorrow morning" in a.action for a in told.action_items)
    agreed = analyze_transcript(talk("Coach: What would you like to leave with today?",
                                     "Client: A way to stop the weekend calls.", *middle))
    assert agreed.intention is not None


def test_the_intention_of_a_session_about_a_choice_is_the_decision_not_the_step_after_it():
    opening = ("Coach: What would you like to leave with today?",
               "Client: An answer on the head keeper job. They want to know by the end of the month.",
               "Coach: What's pulling you each way?",
               "Client: The money's better, but I'd be off the animals most days.",
               "Coach: And what matters most to you in it?",
               "Client: That the keepers get looked after the way I wasn't.",
               "Coach: So where does that leave you?")
    def answered(answer: str):
        return analyze_transcript(talk(*opening, f"Client: {answer}", "Coach: What's the first step?",
                                       "Client: Tonight, when the dogs are fed, I tell Morag."))

    decided = answered("I'm taking it.")
    assert decided.intention is not None and decided.intention.behavior_change == "I'm taking it."
    # the step after it is still an action, and the summary counts it beside the decision
    assert any("I tell Morag" in a.action for a in decided.action_items)
    assert "They leave intending to act: \"I'm taking it.\", with one more step." in decided.session_summary
    said_yes = answered("It's a yes to applying. Not to going, yet.")
    assert said_yes.intention is not None and said_yes.intention.behavior_change == "It's a yes to applying."
    # a stay with a date is a plan, not the decision: the step asked for stays the intention
    visiting = answered("I'm staying at my sister's on Friday, so I'll think there.")
    assert visiting.intention is not None and "staying" not in visiting.intention.behavior_change
    # staying with a question decides nothing: the dated step is the intention
    open_ended = answered("I'm staying with the question for now.")
    assert open_ended.intention is not None and "I tell Morag" in open_ended.intention.behavior_change


def test_a_plan_told_as_the_state_a_thing_is_in_by_a_deadline_is_an_action_item():
    result = analyze_transcript(talk(
        "Coach: What will you do before we next speak?",
        "Client: By Friday the application's in.",
        "Coach: And the insurance?",
        "Client: Public liability's sorted by the fifteenth.",
        "Coach: How are evenings at home?",
        "Client: The kids are in bed by eight, most nights. The school play's in October.",
    ))
    timed = {a.action: a.timeline for a in result.action_items}
    assert timed.get("By Friday the application's in.") == "By Friday"
    assert any("Public liability's sorted" in a for a in timed)
    assert not any("kids" in a or "October" in a for a in timed)  # a routine, and a date that is no deadline


def test_the_catalyst_of_a_shift_comes_before_the_client_says_how_they_leave():
    shifts = analyze_transcript(talk(
        "Coach: What would you like to leave with today?",
        "Client: A decision on the Leeds job, really. They want an answer by the end of next week and I keep going "
        "round in circles.",
        "Coach: What's the circle?",
        "Client: It's more money and it's the job I've wanted for five years. But my dad's not well.",
        "Coach: What would you be saying no to, if you turned it down?",
        "Client: Probably the last chance at it. Nobody gets offered head of service twice in this region.",
        "Coach: Is that true?",
        "Client: I don't know. It feels true. Actually, I think that's my mum talking.",
        "Coach: What do you notice as you say that?",
        "Client: That I've been deciding with her voice, not mine. Huh. I hadn't put that together.",
        "Coach: What's the cost of always doing it first?",
        "Client: I'm exhausted, and I'm a bit angry with him, and he doesn't even know.",
        "Coach: Where does that leave you?",
        "Client: I'm taking it.",
        "Coach: How does that feel to say?",
        "Client: Terrifying. Good terrifying. Lighter than when I walked in.",
        "Coach: What's the first step?",
        "Client: Tonight I ring Callum and ask him to take the Thursday appointments from April.",
        "Coach: How will you know you've done it?",
        "Client: I'll message you on Friday, just done or not done.",
        "Coach: What support do you need?",
        "Client: Maybe my partner to remind me not to cave when Callum hesitates.",
    )).emotional_shifts
    assert shifts and shifts[0].direction == "improved"
    # the client said how they leave before the coach asked this: it moved nothing
    assert "How will you know" not in shifts[0].catalyst


@pytest.mark.parametrize(("name", "full"), [
    ("Fairness.", "I want both teams to walk off thinking they got a fair go, even the ones that lost."),
    ("Honesty.", "Honesty matters more to me than keeping the peace."),
])
def test_a_value_named_in_a_word_before_it_is_said_in_full_is_told_with_its_name(name, full):
    # too short to be a statement of its own, the name was dropped, and it is what a coach writes down
    values = [v for v in analyze_transcript(talk(
        "Coach: What would you like to explore today?", "Client: Whether to put in for the international panel.",
        "Coach: What matters to you about refereeing?", f"Client: {name} {full}",
        "Coach: Say more about that.", "Client: It's just who I am on a pitch.")).values_beliefs
        if v.type == "Core Value"]
    value = next(v for v in values if full in v.evidence)
    assert name in value.evidence and value.description.startswith(f"{name} {full[:20]}")


def test_a_word_before_a_value_that_names_no_value_is_not_quoted_with_it():
    values = analyze_transcript(talk(
        "Coach: What matters to you about refereeing?",
        "Client: Yeah. Honesty matters more to me than keeping the peace.",
        "Coach: Say more about that.", "Client: It's just who I am on a pitch.")).values_beliefs
    value = next(v for v in values if v.type == "Core Value")
    assert value.evidence == ["Honesty matters more to me than keeping the peace."]
