app_name = "agreements"

urlpatterns = []
