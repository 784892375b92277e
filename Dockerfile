# jeugdketen: one image for web, worker, beat and init (see docker-compose.yml, docs/operations.md).
# Build stage: wheels of the project and its dependencies (compilers stay here).
FROM python:3.12-slim-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends build-essential && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pyproject.toml README.md ./
COPY src ./src
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

# Final stage: the wheels installed, no compilers, a user without rights.
FROM python:3.12-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    JEUGDKETEN_LOG_FORMAT=json \
    JEUGDKETEN_LOG_REQUESTS=1 \
    JEUGDKETEN_BIND=0.0.0.0:8000
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/* && rm -rf /wheels \
    && useradd --system --uid 10001 --home-dir /app --create-home jeugdketen
USER jeugdketen
WORKDIR /app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD ["python", "-c", "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/health/live', timeout=4).status != 200)"]
CMD ["jeugdketen", "serve"]
