# The survey server in a container: docker compose up (compose.yaml), or
#   docker build -t csp-surveys . && docker run -p 3000:3000 -v csp-data:/data csp-surveys
# The store (survey.sqlite), its uploads and server.lock live in /data: keep it on a volume.

# 1. Build the pages (vite) with every package.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 builds from source when no prebuilt binary fits.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

# 2. Run: production packages, the server's source (run by tsx), the built pages, no compiler.
FROM node:20-bookworm-slim
ENV NODE_ENV=production DATA_DIR=/data PORT=3000
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/package.json /app/tsconfig.json ./
COPY --from=build /app/server ./server
COPY --from=build /app/analysis ./analysis
COPY --from=build /app/surveys ./surveys
COPY --from=build /app/drizzle ./drizzle
COPY --from=build /app/drizzle-pg ./drizzle-pg
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# Ready = the store takes writes, passes its integrity check, and the disk has room (GET /api/ready).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM (docker stop) lets requests in flight finish, then closes the store.
CMD ["node_modules/.bin/tsx", "server/index.ts"]
