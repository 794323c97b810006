# syntax=docker/dockerfile:1
# Burndown: build with dev dependencies, run with production ones only.
#   docker build -t burndown .
#   docker run --env-file .env -p 3000:3000 burndown
#   docker run --env-file .env burndown npm run doctor

# ---- build: compile TypeScript to dist/ ----
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# ---- runtime: production dependencies, compiled code, fonts, non-root ----
FROM node:20-bookworm-slim AS runtime
# Charts are drawn to PNG with resvg, which needs real fonts on disk to render any text.
RUN apt-get update \
  && apt-get install -y --no-install-recommends fonts-dejavu-core fontconfig \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
# tsx is a dev dependency, so in this image `npm run doctor` runs the compiled doctor, and
# `npm start` skips the build step (dist/ is copied in below).
RUN npm ci --omit=dev --no-audit --no-fund \
  && npm cache clean --force \
  && npm pkg set scripts.doctor="node dist/src/doctor/main.js" \
  && npm pkg delete scripts.prestart
COPY --from=build /app/dist ./dist
COPY slack-manifest.yml ./
COPY manifests/github-app.json manifests/github-app-autofix.json ./manifests/
# The node image ships an unprivileged "node" user (uid 1000); nothing here needs root.
USER node
EXPOSE 3000
# node is PID 1 and src/main.ts handles SIGTERM itself: it stops intake, finishes the
# delivery in hand and closes Redis. (Run with `docker run --init` to also reap zombies.)
STOPSIGNAL SIGTERM
# Slim images have no curl; Node 20's fetch does the probe.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", \
    "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then(r=>r.ok||process.exit(1))"]
CMD ["node", "dist/src/main.js"]
