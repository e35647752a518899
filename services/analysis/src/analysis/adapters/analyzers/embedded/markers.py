"""The ICF PCC markers the coach feedback refers to (2020 edition), by number: competency and text."""

MARKERS: dict[str, tuple[str, str]] = {
    "3.1": ("Establishes and Maintains Agreements",
            "Partners with the client to identify or reconfirm what the client wants to accomplish in this session"),
    "3.2": ("Establishes and Maintains Agreements",
            "Partners with the client to define or reconfirm measures of success for this session"),
    "4.2": ("Cultivates Trust and Safety", "Shows support, empathy or concern for the client"),
    "4.3": ("Cultivates Trust and Safety",
            "Acknowledges and supports the client's expression of feelings, perceptions, concerns, beliefs or suggestions"),
    "4.4": ("Cultivates Trust and Safety",
            "Invites the client to respond in any way to the coach's contributions and accepts the client's response"),
    "5.3": ("Maintains Presence", "Supports the client to choose what happens in this session"),
    "6.3": ("Listens Actively", "Inquires about or explores the client's emotions"),
    "6.4": ("Listens Actively", "Explores the client's energy shifts, nonverbal cues or other behaviors"),
    "6.6": ("Listens Actively", "Allows the client to complete speaking without interrupting"),
    "6.7": ("Listens Actively", "Succinctly reflects or summarizes what the client communicated"),
    "7.2": ("Evokes Awareness", "Asks questions to help the client explore beyond current thinking or feeling"),
    "7.5": ("Evokes Awareness", "Shares observations, intuitions or thoughts with no attachment and invites exploration"),
    "7.6": ("Evokes Awareness",
            "Asks clear, direct, primarily open-ended questions, one at a time, at a pace that allows reflection"),
    "7.8": ("Evokes Awareness", "Allows the client to do most of the talking"),
    "8.2": ("Facilitates Client Growth", "Invites the client to state or explore their learning in this session"),
    "8.5": ("Facilitates Client Growth", "Partners with the client to design post-session thoughts, actions or behaviors"),
    "8.7": ("Facilitates Client Growth", "Partners with the client to design the best methods of accountability"),
    "8.8": ("Facilitates Client Growth", "Celebrates the client's progress and learning"),
}


def marker(number: str) -> tuple[str, str]:
    """(competency, "N.N text")."""
    competency, text = MARKERS[number]
    return competency, f"{number} {text}"
