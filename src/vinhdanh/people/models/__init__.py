from vinhdanh.people.models.history import (
    Discipline,
    Initiative,
    Leave,
    PendingReview,
    TaskRating,
)
from vinhdanh.people.models.persons import Person, Post

__all__ = [
    "Discipline",
    "Initiative",
    "Leave",
    "PendingReview",
    "Person",
    "Post",
    "TaskRating",
]
