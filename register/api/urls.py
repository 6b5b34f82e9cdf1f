from partnerships.api.routers import Router

from . import views

router = Router()
router.register("partnerships", views.PartnershipViewSet, basename="partnership")

urlpatterns = router.urls
