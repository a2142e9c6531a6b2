# The hub on Node 20. With DATABASE_URL set (as docker-compose.yml does) it uses that PostgreSQL;
# without it, the hub starts its embedded PostgreSQL under /app/.data.
# CI runs these steps without a container builder (.ci/dockerfile-steps.mjs interprets each instruction), so keep to
# FROM node:<major>, WORKDIR, COPY, ENV, RUN, EXPOSE and CMD.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=3000
COPY --from=build /app /app
EXPOSE 3000
# The heap cap keeps RSS in budget; a growing factor of 2 keeps full GCs under load rare (docs/decision-heap-cap.md).
CMD ["node", "--max-old-space-size=192", "--heap-growing-percent=100", "dist/src/main.js"]
