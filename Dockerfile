# Production image: Node 24, the app's own dependencies only, running as an unprivileged user.
FROM node:24-bookworm-slim
ENV NODE_ENV=production PRISMA_HIDE_UPDATE_MESSAGE=1
WORKDIR /app
COPY package.json package-lock.json ./
COPY prisma ./prisma
# Dev dependencies are needed once, to generate the Prisma client; they are pruned afterwards.
RUN npm ci --include=dev --no-audit --no-fund && npm prune --omit=dev
COPY src ./src
COPY prompts ./prompts
COPY manifest.yml ./
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "src/main.ts"]
