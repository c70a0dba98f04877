# ThreatDesk as a container: Next's standalone server, started by the launcher (scripts/launcher.ts),
# which refuses weak or default secrets, applies migrations as MIGRATION_DATABASE_URL's role and
# grants DATABASE_URL's role what the app needs. Node 22 LTS; runs as a user without privileges.
# Build: docker build -t threatdesk .   Run: see compose.yaml.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY scripts ./scripts
RUN npm install --no-fund --no-audit
COPY . .
ENV NEXT_OUTPUT=standalone
RUN npx next build

FROM node:22-bookworm-slim AS run
WORKDIR /app
ENV NODE_ENV=production PORT=3000 HOSTNAME=0.0.0.0
RUN groupadd --system threatdesk && useradd --system --gid threatdesk threatdesk
# The standalone server, its static files, and what the launcher and `prisma migrate deploy` need.
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/prisma.config.ts /app/tsconfig.json ./
COPY --from=build /app/scripts ./scripts
COPY --from=build /app/lib/domain ./lib/domain
COPY --from=build /app/node_modules ./node_modules
USER threatdesk
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node_modules/.bin/tsx", "--conditions=react-server", "scripts/launcher.ts", "start"]
