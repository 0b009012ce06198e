# syntax=docker/dockerfile:1
# Newsdesk image: one image for every role (web, worker, all, migrate), picked by the first
# argument (deploy/docker-entrypoint.sh). Three stages keep compilers and dev dependencies out of
# the image that runs: "build" compiles TypeScript, "deps" installs production dependencies (and
# builds better-sqlite3's native module should no prebuilt binary fit), "runtime" gets only their
# results and runs as the unprivileged "node" user.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the compiler needs no native module, and "prepare" would build before src/ is here.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json ./
COPY src ./src
RUN npx tsc -p tsconfig.json

FROM node:20-bookworm-slim AS deps
# Toolchain for node-gyp, used only when better-sqlite3 has no prebuilt binary for this platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only. Scripts are skipped so the package's own "prepare" (a TypeScript
# build, dev-only) does not run; then the one native module is built or fetched explicitly.
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts \
 && npm rebuild better-sqlite3 \
 && npm cache clean --force

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    NEWSDESK_HOST=0.0.0.0 \
    NEWSDESK_PORT=8080 \
    NEWSDESK_DATABASE=sqlite:/data/newsdesk.db \
    NEWSDESK_LOG_FORMAT=json
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
COPY package.json ./
COPY samples ./samples
COPY deploy/docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
RUN chmod 0755 /usr/local/bin/docker-entrypoint.sh /app/dist/src/cli/index.js \
 && ln -s /app/dist/src/cli/index.js /usr/local/bin/newsdesk \
 && mkdir -p /data \
 && chown node:node /data
# The image's "node" user (uid 1000); nothing under /app is writable by it.
USER node
VOLUME ["/data"]
EXPOSE 8080
# Liveness of the role running here: /healthz on NEWSDESK_PORT (NEWSDESK_HEALTH_URL overrides).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["/usr/local/bin/docker-entrypoint.sh", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]
CMD ["all"]
