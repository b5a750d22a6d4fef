"""Generate deterministic synthetic goal tables for batch tests and benchmarks.

Goals are composed from parts (verbs, metrics, values, deadlines, activities, roles, priorities) with
a per-team quality profile, so teams differ the way real teams do; a few goals are copied verbatim to
many people, as in real exports. Nothing here comes from real goals.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

TEAMS = (
    "Oncology East",
    "Oncology West",
    "Cardio North",
    "Cardio South",
    "Immunology",
    "Market Access",
    "Key Accounts",
    "Medical Affairs",
)
ROLES = (
    "specialty representative",
    "hospital account manager",
    "key account manager",
    "medical science liaison",
    "market access manager",
    "first-line manager",
)
METRICS = (
    ("engagement score", "1-5 scale", (2.8, 3.6), (3.8, 4.6), ""),
    ("call quality score", "points", (55, 70), (75, 90), ""),
    ("proficiency rating in field assessments", "%", (55, 70), (75, 92), "%"),
    ("share of key account meetings with a budget impact model presented", "%", (10, 30), (40, 70), "%"),
    ("certification score", "%", (60, 75), (85, 95), "%"),
)
ACTIVITIES = (
    "monthly role-play sessions on clinical objections",
    "bi-weekly field coaching ride-alongs",
    "quarterly account planning reviews for the top 3 IDN accounts",
    "weekly call observation with feedback",
    "a disease state module every month",
    "two payer presentations per quarter",
)
PRIORITIES = (
    "to support market access",
    "for our key accounts",
    "to improve customer engagement",
    "for the launch of the new specialty product",
)
DEADLINES = (
    "by Q3 2025",
    "by June 30, 2025",
    "by the end of Q4 2025",
    "within 90 days",
    "by September 2025",
    "by March 31, 2025",
)
VAGUE = ("Improve", "Enhance", "Work on", "Get better at", "Strengthen")
SKILLS = (
    "selling skills",
    "product knowledge",
    "objection handling",
    "presentation skills",
    "territory planning",
    "relationships with doctors",
)
COPIED = (
    "Improve selling skills and product knowledge this year.",
    "Increase the engagement score from 3.2 to 4.0 on a 5-point scale by Q4 2025 through monthly "
    "role-play sessions for specialty representatives, to improve customer engagement.",
)
# Probability that a goal written in the team has each part: (metric, baseline, activity, role, priority,
# deadline). Teams are deliberately uneven so a report has something to show.
PROFILES = (
    (0.9, 0.7, 0.8, 0.8, 0.8, 0.9),
    (0.5, 0.3, 0.5, 0.4, 0.5, 0.6),
    (0.7, 0.5, 0.7, 0.6, 0.3, 0.8),
    (0.3, 0.1, 0.4, 0.3, 0.2, 0.4),
    (0.8, 0.6, 0.4, 0.7, 0.6, 0.7),
    (0.6, 0.4, 0.6, 0.9, 0.9, 0.8),
    (0.7, 0.2, 0.8, 0.5, 0.7, 0.5),
    (0.2, 0.1, 0.3, 0.2, 0.1, 0.3),
)


def compose_goal(rng: random.Random, profile: tuple[float, ...]) -> str:
    """Compose one goal; each part is present with the profile's probability."""
    p_metric, p_baseline, p_activity, p_role, p_priority, p_deadline = profile
    if rng.random() >= p_metric:
        parts = [f"{rng.choice(VAGUE)} {rng.choice(SKILLS)}"]
    else:
        name, scale, low, high, unit = rng.choice(METRICS)
        target = _value(rng, high, unit)
        verb = "Increase" if rng.random() < 0.8 else "Raise"
        if rng.random() < p_baseline:
            parts = [f"{verb} the {name} from {_value(rng, low, unit)} to {target}"]
        else:
            parts = [f"{verb} the {name} to {target}"]
        if scale == "1-5 scale":
            parts.append("on a 5-point scale")
    if rng.random() < p_deadline:
        parts.append(rng.choice(DEADLINES))
    if rng.random() < p_activity:
        parts.append(f"through {rng.choice(ACTIVITIES)}")
    if rng.random() < p_role:
        parts.append(f"for {rng.choice(ROLES)}s")
    sentence = " ".join(parts)
    if rng.random() < p_priority:
        sentence += f", {rng.choice(PRIORITIES)}"
    return sentence + "."


def _value(rng: random.Random, bounds: tuple[float, float], unit: str) -> str:
    low, high = bounds
    if isinstance(low, float):
        return f"{rng.uniform(low, high):.1f}"
    return f"{rng.randint(int(low), int(high))}{unit}"


def generate(n: int, *, seed: int = 7, teams: int = 8, copies: float = 0.04) -> Iterator[dict[str, str]]:
    """Yield `n` goal rows (id, owner, team, manager, role, goal) in a deterministic order."""
    rng = random.Random(seed)
    team_names = TEAMS[:teams] if teams <= len(TEAMS) else tuple(f"Team {i + 1}" for i in range(teams))
    for index in range(n):
        team = rng.randrange(len(team_names))
        profile = PROFILES[team % len(PROFILES)]
        goal = rng.choice(COPIED) if rng.random() < copies else compose_goal(rng, profile)
        yield {
            "goal_id": f"G{index + 1:07d}",
            "owner": f"employee-{rng.randrange(max(n // 2, 1)):06d}",
            "team": team_names[team],
            "manager": f"{team_names[team]} manager {1 + rng.randrange(3)}",
            "role": rng.choice(ROLES),
            "goal": goal,
        }
