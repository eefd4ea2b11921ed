# One image for the scale-out path (docker-compose.yml): it runs the API, the Temporal
# worker or the migrations, chosen by the container's command. The default image command
# is the API.

# --- build: full dependency tree, compile TypeScript into dist/ ---
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the image's npm 10 ignores package.json "allowScripts", which denies every
# install script the tree has (@scarf/scarf, @swc/core, protobufjs), so this matches npm 11.
# None is needed: @temporalio/core-bridge and @swc/core ship their native binaries as packages.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build && npm run build:web

# --- prod-deps: production dependencies only. @temporalio/worker (and with it webpack and
# @swc/core, which bundle the workflows at worker start) is a production dependency. ---
FROM node:20-bookworm-slim AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# --- runtime ---
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/package.json /app/package-lock.json /app/tsconfig.json /app/tsconfig.build.json ./
COPY --from=build /app/dist ./dist
# The staff web application, served by the API at / (apps/api/src/web).
COPY --from=build /app/apps/web/dist ./apps/web/dist
# The worker bundles workflow code from the TypeScript sources when it starts, so workflows/
# and the libs they import (resolved through tsconfig.json paths) must be in the image too.
COPY --from=build /app/workflows ./workflows
COPY --from=build /app/libs ./libs
# Files stay root-owned: the unprivileged user can read the code but not change it.
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
