from django.shortcuts import render

from jeugdketen.catalogus.models import Region


def home(request):
    return render(request, "web/home.html", {"regions": Region.objects.all()})
