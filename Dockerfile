# Production image: Node 24, the app's production dependencies only, running as an unprivileged
# user with its embedded database (the default) on a volume it owns. Built in two stages: the first
# has every dependency, to generate the Prisma client (prisma generate needs the Prisma CLI, a dev
# dependency); the second installs production dependencies only and copies the generated client.
# NODE_IMAGE lets a hospital build from its own registry mirror of the same image.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
ENV PRISMA_HIDE_UPDATE_MESSAGE=1
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY prisma ./prisma
# postinstall runs prisma/generate-client.mjs, which writes src/db/generated.
RUN npm ci --no-audit --no-fund

FROM ${NODE_IMAGE} AS production
ENV NODE_ENV=production PRISMA_HIDE_UPDATE_MESSAGE=1 DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# Production dependencies only. --omit=optional also leaves out the optional peers @prisma/client
# names (the Prisma CLI and TypeScript), which the lock file would otherwise install; scripts are
# skipped because the client is generated in the build stage.
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY bin ./bin
COPY src ./src
COPY --from=build /app/src/db/generated ./src/db/generated
COPY prisma ./prisma
COPY prompts ./prompts
COPY manifest.yml manifest.org.yml ./
# The embedded database lives in DATA_DIR, owned by the unprivileged user (uid 1000 in the node
# image). With DATABASE_URL set (docker-compose.yml) the volume stays empty.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "bin/launch.mjs"]
