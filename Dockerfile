# HealthGraph API image: multi-stage, runs as the non-root user of the .NET runtime image. It carries the whole product:
# the API, GraphiQL, the coordination explorer and its persisted documents, and the seed data.
# Build: docker build -t healthgraph .   (docker compose builds it for you)
# CI runs the same steps without Docker and checks what they publish: .ci/publish-check.

# 1. GraphiQL's browser files, installed from the lockfile (the .NET build embeds them).
FROM node:20-bookworm-slim AS graphiql
WORKDIR /src/src/HealthGraph/Web/GraphiQL
COPY src/HealthGraph/Web/GraphiQL/package.json src/HealthGraph/Web/GraphiQL/package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts

# 2. The coordination explorer: its types generated from the approved schema, type-checked, built by Vite.
FROM node:20-bookworm-slim AS explorer
WORKDIR /src/src/explorer
COPY src/explorer/package.json src/explorer/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY schema/healthgraph.graphql /src/schema/
COPY src/explorer/ ./
RUN HEALTHGRAPH_EXPLORER_OUT=/explore npm run build --silent

# 3. Restore, build and publish the app, with GraphiQL's files and the explorer from the stages above.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/HealthGraph/HealthGraph.csproj src/HealthGraph/
RUN dotnet restore src/HealthGraph/HealthGraph.csproj
COPY src/ src/
COPY seed/ seed/
COPY schema/ schema/
COPY --from=graphiql /src/src/HealthGraph/Web/GraphiQL/node_modules src/HealthGraph/Web/GraphiQL/node_modules
COPY --from=explorer /explore /explore
COPY --from=explorer /src/src/explorer/src/generated src/explorer/src/generated
RUN dotnet publish src/HealthGraph/HealthGraph.csproj -c Release --no-restore -p:GraphiQLNpmInstall=false -p:ExplorerPrebuilt=/explore -o /app

# 4. The runtime image.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
USER $APP_UID
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Sqlite__Path=/home/app/data/healthgraph.db
EXPOSE 8080
ENTRYPOINT ["dotnet", "healthgraph.dll"]
