from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("partnerships/<str:reference>/objectives/new/", views.ObjectiveFormView.as_view(), name="objective_create"),
    path(
        "partnerships/<str:reference>/objectives/<int:pk>/", views.ObjectiveFormView.as_view(), name="objective_update"
    ),
    path("partnerships/<str:reference>/reviews/new/", views.ReviewCreateView.as_view(), name="review_create"),
    path("partnerships/<str:reference>/reviews/<int:pk>/", views.ReviewDetailView.as_view(), name="review_detail"),
    path("partnerships/<str:reference>/lessons/new/", views.LessonCreateView.as_view(), name="lesson_create"),
    path("lessons/", views.LessonLibraryView.as_view(), name="lessons"),
]

# The annual assurance round (reviews/assurance/).
from .assurance.urls import urlpatterns as assurance_urlpatterns  # noqa: E402

urlpatterns += assurance_urlpatterns
