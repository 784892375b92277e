from django.urls import path

from . import activation, contracts, kinds, users, views

app_name = "inrichting"

urlpatterns = [
    path("", views.index, name="index"),
    path("werkmap/", views.workbook, name="workbook"),
    path("indexeren/", views.index_tariffs, name="index-tariffs"),
    path("contracten/<int:pk>/", contracts.contract, name="contract"),
    path("contracten/<int:pk>/tarief/", contracts.tariff, name="contract-tariff"),
    path("contracten/<int:pk>/historie/", contracts.history, name="contract-history"),
    path("tarieven/<int:pk>/", contracts.tariff_history, name="tariff-history"),
    *kinds.urlpatterns(),
    path("gebruikers/", users.user_list, name="user-list"),
    path("gebruikers/uitnodigen/", users.user_invite, name="user-invite"),
    path("gebruikers/<int:pk>/wijzigen/", users.user_change, name="user-change"),
    path("gebruikers/<int:pk>/status/", users.user_status, name="user-status"),
    path("tokens/", users.token_list, name="token-list"),
    path("tokens/<int:pk>/intrekken/", users.token_revoke, name="token-revoke"),
    path("activeren/<str:uidb64>/<str:token>/", activation.activate, name="activate"),
]
