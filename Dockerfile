# Slim Python 3.11 image: migrate, then serve with gunicorn as a non-root user.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md alembic.ini ./
COPY postal_service ./postal_service
COPY routing ./routing
COPY api ./api
RUN pip install . && useradd --create-home --uid 10001 postal
USER postal
ENV DATABASE_URL=sqlite:////home/postal/postal.db \
    WEB_WORKERS=2 WEB_THREADS=8
EXPOSE 8000
# 2 workers x 8 threads measured best on 2 cores (docs/benchmarks-custody.md).
# The scheduler runs as its own process: `postal-service scheduler`.
CMD ["sh", "-c", "alembic upgrade head && exec gunicorn --workers $WEB_WORKERS --threads $WEB_THREADS --bind 0.0.0.0:8000 'api:create_app()'"]
