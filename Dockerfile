# syntax=docker/dockerfile:1
# Rapport: the bot (`node dist/bot/main.js`) and, with another command, the worker
# (`node dist/bot/worker/cli.js`). docker-compose.yml runs both next to PostgreSQL.

ARG NODE_IMAGE=node:22-bookworm-slim

# ---- build: every dependency, TypeScript compiled to dist/ ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
# slack/ (the app manifest) is optional; make sure the runtime COPY below finds a folder.
RUN npm run build && mkdir -p slack

# ---- runtime: production dependencies only, non-root ----
FROM ${NODE_IMAGE} AS runtime
# The heap budget of `npm run start:prod` (see README, "Memory"): the same number here.
ENV NODE_ENV=production \
    NODE_OPTIONS="--max-old-space-size=512 --max-semi-space-size=4" \
    PORT=3000 \
    RAPPORT_DATA_DIR=/app/data
WORKDIR /app
# The digest's chart is drawn with resvg, which needs a font for its labels.
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --no-audit --no-fund \
    && mkdir -p /app/data \
    && chown node:node /app/data
COPY --from=build /app/dist ./dist
# The engine reads migrations from ../../migrations relative to dist/db/engine.js, i.e. /app/migrations.
COPY --from=build /app/migrations ./migrations
COPY --from=build /app/slack ./slack
USER node
EXPOSE 3000
# /readyz answers 200 when the database answers with every migration applied and every configured
# platform is connected; the worker (same image, another command) serves it on PORT too, ready while
# its last pass is under three minutes old. /livez (no database) is for a liveness probe that
# restarts the process; Docker only marks a container unhealthy, so readiness is the useful check.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/bot/main.js"]
