# ThreatDesk as a container: Next's standalone server, migrations applied at start.
# Build: docker build -t threatdesk .   Run: see compose.yaml.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY scripts ./scripts
RUN npm install --no-fund --no-audit
COPY . .
ENV NEXT_OUTPUT=standalone
RUN npx next build

FROM node:20-bookworm-slim AS run
WORKDIR /app
ENV NODE_ENV=production PORT=3000 HOSTNAME=0.0.0.0
RUN groupadd --system threatdesk && useradd --system --gid threatdesk threatdesk
# The standalone server, its static files, and what `prisma migrate deploy` needs.
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/prisma.config.ts ./
COPY --from=build /app/scripts ./scripts
COPY --from=build /app/node_modules ./node_modules
USER threatdesk
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["sh", "-c", "node --require ./scripts/prisma-fast-exit.cjs node_modules/prisma/build/index.js migrate deploy && node --require ./scripts/peer-address.cjs server.js"]
