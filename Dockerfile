# syntax=docker/dockerfile:1
# ai-canary-exporter image: `docker build -t ai-canary-exporter .`
# Two stages: the builder installs the project and its dependencies (from pyproject.toml)
# into a virtualenv; the runtime stage copies only that virtualenv onto the same slim base,
# so no compiler, pip cache or source tree ships. tests/test_dockerfile.py replays the
# builder's install steps in a clean virtualenv, since `docker build` is not available in CI.

ARG PYTHON_IMAGE=python:3.12-slim

FROM ${PYTHON_IMAGE} AS builder
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    VIRTUAL_ENV=/opt/venv
RUN python -m venv "$VIRTUAL_ENV"
ENV PATH="/opt/venv/bin:$PATH"
WORKDIR /src
# Metadata first, then the package: a source change does not invalidate the layer cache of
# the base image, and `pip install .` builds a regular (non-editable) wheel of our package.
COPY pyproject.toml README.md ./
COPY exporter ./exporter
RUN pip install --no-cache-dir . \
    && python -m compileall -q "$VIRTUAL_ENV/lib"

FROM ${PYTHON_IMAGE}
ARG VERSION=0.1.0
LABEL org.opencontainers.image.title="ai-canary-exporter" \
      org.opencontainers.image.description="Judges Argo Rollouts canaries from their logs and exports the verdict as Prometheus gauges and a metric-ai compatible A2A endpoint." \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.source="https://github.com/ai-canary-exporter/ai-canary-exporter"
# A fixed non-root UID/GID the Deployment's runAsUser matches (OpenShift assigns its own;
# the files below are world-readable, so any UID works).
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --no-create-home --home-dir /nonexistent \
       --shell /usr/sbin/nologin app
COPY --from=builder /opt/venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH" \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1
USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["ai-canary-exporter"]
CMD ["serve"]
