from __future__ import annotations

import datetime as dt

import factory

from tests.factories.orgs import UnitFactory
from vinhdanh.people.enums import Gender, InitiativeKind, InitiativeLevel, Rating
from vinhdanh.people.models import Initiative, Person, Post, TaskRating


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    code = factory.Sequence(lambda n: f"CB{n:06d}")
    family_name = "Nguyễn"
    middle_name = "Văn"
    given_name = factory.Sequence(lambda n: f"An{n}")
    gender = Gender.MALE
    recruitment_date = dt.date(2015, 1, 1)


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post
        skip_postgeneration_save = True

    person = factory.SubFactory(PersonFactory)
    unit = factory.SubFactory(UnitFactory)
    title = "Chuyên viên"
    start_date = dt.date(2015, 1, 1)

    @factory.post_generation
    def _refresh(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            from vinhdanh.people.domain.posts import refresh_current_unit

            refresh_current_unit([self.person_id])


class TaskRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaskRating

    person = factory.SubFactory(PersonFactory)
    year = 2024
    rating = Rating.HTTNV


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Sáng kiến số {n}")
    kind = InitiativeKind.INITIATIVE
    level = InitiativeLevel.CO_SO
    recognised_on = dt.date(2024, 11, 30)

    @factory.post_generation
    def authors(self, create: bool, extracted: list[Person] | None, **kwargs: object) -> None:
        if create and extracted:
            self.authors.set(extracted)
