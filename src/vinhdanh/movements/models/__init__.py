from vinhdanh.movements.models.movements import Movement, MovementDocument, Registration

__all__ = ["Movement", "MovementDocument", "Registration"]
