from rest_framework import status
from rest_framework.exceptions import APIException


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Someone else changed this partnership since you read it. Read it again and reapply your change."
    default_code = "conflict"
