"""Scripted supporters for the adversarial tests: the same lines, read by the real coach."""

ROADBLOCKS = [
    "You have to stop this.",
    "You always do this.",
    "You need to get help.",
    "You're being ridiculous.",
    "If you don't stop, I'm leaving.",
    "You should be ashamed of yourself.",
    "Just stop it.",
    "You never listen to anyone.",
]

REFLECTIONS = [
    "You're feeling tired of everyone watching you.",
    "It sounds like you're scared that if you stop, you won't know who you are.",
    "You sound exhausted.",
    "Part of you wants things to change, and part of you is tired of being pushed.",
    "You're worried that people will judge you.",
    "It makes sense that you'd want me to back off.",
    "You feel like nobody sees how hard you're trying.",
    "You're angry that everyone is on your case.",
    "You're not ready to talk about this today.",
    "You sound really worn down by all of it.",
]

# Reflect, ask openly, reflect, support: MI-consistent, the way a practised supporter talks.
MI_CONSISTENT = [
    "You're feeling tired of everyone watching you.",
    "What's been the hardest part for you?",
    "It sounds like you're scared that if you stop, you won't know who you are.",
    "You sound exhausted.",
    "I love you and I'm here.",
    "Part of you wants things to change, and part of you is tired of being pushed.",
    "How do you see it?",
    "You're worried that people will judge you.",
    "You feel like nobody sees how hard you're trying.",
    "It makes sense that you'd want me to back off.",
]
