# syntax=docker/dockerfile:1
# Build stage: build a wheel of BorderDesk and its dependencies; nothing of it reaches the image but wheels.
FROM python:3.11-slim AS build
WORKDIR /src
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
RUN pip wheel --wheel-dir /wheels ".[postgres]"

# Run stage: slim Python, a non-root user, the store on a volume, no test dependencies.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DATABASE_URL=sqlite:////data/borderdesk.db BORDERDESK_CONFIG=/app/feeds.yaml BORDERDESK_HTTP_PORT=8080
RUN groupadd --system borderdesk && useradd --system --gid borderdesk --home-dir /app --no-create-home borderdesk
COPY --from=build /wheels /wheels
RUN pip install --no-index --find-links=/wheels borderdesk[postgres] && rm -rf /wheels
WORKDIR /app
COPY feeds.yaml ./feeds.yaml
RUN mkdir -p /data && chown borderdesk:borderdesk /data
VOLUME ["/data"]
USER borderdesk
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["python", "-c", "import os,urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('BORDERDESK_HTTP_PORT','8080'), timeout=4)"]
ENTRYPOINT ["borderdesk"]
CMD ["run"]
