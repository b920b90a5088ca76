# Andon's production image: compiled JavaScript, production dependencies only, non-root.
# Build: docker build -t andon .   Run: docker run --env-file .env -p 3000:3000 andon
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
RUN npx tsc -p tsconfig.json

FROM node:20-bookworm-slim AS runtime
# HOST: Probot listens on localhost unless told otherwise, which nothing outside reaches.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    ANDON_DATA_DIR=/app/.andon
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/lib ./lib
COPY scripts/start.js ./scripts/start.js
COPY app.yml ./
# The embedded history store (no DATABASE_URL) writes here; the image's `node` user owns it.
RUN mkdir -p /app/.andon && chown node:node /app/.andon
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is PID 1's child of nothing: no npm in between, so SIGTERM reaches the drain.
CMD ["node", "scripts/start.js"]
