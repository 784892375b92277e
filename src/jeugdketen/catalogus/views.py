from itertools import groupby

from django.shortcuts import get_object_or_404, render

from jeugdketen.accounts.access import public
from jeugdketen.ijw.codes import JZ020

from .models import Product, Region
from .queries import comparison, providers_for, search_products


@public
def index(request):
    return render(request, "catalogus/index.html", {"regions": Region.objects.all()})


@public
def region(request, slug):
    region = get_object_or_404(Region, slug=slug)
    products = (
        region.products.select_related("lot")
        .prefetch_related("tariffs")
        .order_by("lot__position", "position")
    )
    lots = [(lot, list(items)) for lot, items in groupby(products, key=lambda p: p.lot)]
    return render(request, "catalogus/region.html", {"region": region, "lots": lots})


@public
def product(request, slug, position):
    product = get_object_or_404(
        Product.objects.select_related("region", "lot").prefetch_related(
            "tariffs", "caps", "providers", "excluded_products"
        ),
        region__slug=slug,
        position=position,
    )
    return render(request, "catalogus/product.html", {"product": product})


@public
def search(request):
    query = request.GET.get("q", "")[:100]
    return render(
        request, "catalogus/search.html", {"query": query, "products": search_products(query)[:200]}
    )


@public
def provider_finder(request):
    query = request.GET.get("product", "")[:100]
    age_text = request.GET.get("leeftijd", "").strip()
    error = ""
    age = None
    if age_text:
        if age_text.isdigit() and int(age_text) <= 27:
            age = int(age_text)
        else:
            error = "Vul een leeftijd in jaren in (0 tot en met 27)."
    results = providers_for(query, age) if query and not error else []
    context = {"query": query, "age": age_text, "error": error, "results": results, "searched": bool(query)}
    return render(request, "catalogus/provider_finder.html", context)


@public
def compare(request):
    category = request.GET.get("categorie") or None
    table = comparison(category)
    rows = [(code, JZ020.get(code, ""), items) for code, items in sorted(table.items())]
    # Offer the categories the product books actually use, named as in iJw's JZ020 list.
    used = Product.objects.exclude(category=None).values_list("category", flat=True).distinct()
    categories = sorted((code, JZ020.get(code, "")) for code in set(used))
    return render(
        request, "catalogus/compare.html", {"rows": rows, "category": category, "categories": categories}
    )
