# syntax=docker/dockerfile:1
# One image for every taskmesh service; the command picks which one runs:
#   docker run IMAGE                                   -> embedded mode, everything in one process (:3000)
#   docker run IMAGE services/orchestrator/main.ts     -> one service (Kubernetes passes this as args)
#   docker run IMAGE scripts/migrate.ts                -> one-shot migrations
#
# Dependencies: the repository is locked with npm (package-lock.json, no bun.lock), so the production
# tree is installed by `npm install --omit=dev` in a Node stage from the committed lockfile, and copied into the Bun
# runtime image. Every runtime dependency is plain JavaScript or WebAssembly, so a tree installed by npm
# runs unchanged under Bun. Install scripts are skipped: none is needed at run time.

ARG BUN_VERSION=1.4.5
ARG NODE_VERSION=22.20.0

FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY patches ./patches
# patches/ fixes a driver crash (postgres.js writing to a closed socket, docs/operations.md): it is applied
# with patch-package, a dev tool, so the full tree is installed, patched, then pruned to production.
RUN npm install --ignore-scripts --no-audit --no-fund \
 && npx patch-package --error-on-fail \
 && npm prune --omit=dev --no-audit --no-fund \
 && npm cache clean --force \
 && mkdir -p /skeleton/.data

# Distroless: no shell or package manager in the running image, which keeps the scan surface small.
FROM oven/bun:${BUN_VERSION}-distroless AS runtime
WORKDIR /app
# HOME and a disabled transpiler cache: nothing may need the root filesystem to be writable.
ENV NODE_ENV=production \
    HOME=/tmp \
    BUN_RUNTIME_TRANSPILER_CACHE_PATH=0
COPY --from=deps /app/node_modules ./node_modules
# Embedded mode keeps PGlite data and generated keys in ./.data; on Kubernetes an emptyDir is mounted here.
COPY --from=deps --chown=10001:10001 /skeleton/.data ./.data
# Everything else the services need; .dockerignore keeps tests, docs, manifests and tooling out.
COPY . .
USER 10001:10001
EXPOSE 3000 8080 50051
ENTRYPOINT ["bun"]
CMD ["services/embedded/main.ts"]
