# HealthGraph API image: multi-stage, runs as the non-root user of the .NET runtime image.
# Build: docker build -t healthgraph .   (docker compose builds it for you)

# 1. GraphiQL's browser files, installed from the lockfile (the .NET build embeds them).
FROM node:20-bookworm-slim AS graphiql
WORKDIR /src/src/HealthGraph/GraphiQL
COPY src/HealthGraph/GraphiQL/package.json src/HealthGraph/GraphiQL/package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts

# 2. Restore, build and publish the app.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/HealthGraph/HealthGraph.csproj src/HealthGraph/
RUN dotnet restore src/HealthGraph/HealthGraph.csproj
COPY src/ src/
COPY seed/ seed/
COPY schema/ schema/
COPY --from=graphiql /src/src/HealthGraph/GraphiQL/node_modules src/HealthGraph/GraphiQL/node_modules
RUN dotnet publish src/HealthGraph/HealthGraph.csproj -c Release --no-restore -p:GraphiQLNpmInstall=false -o /app

# 3. The runtime image.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
USER $APP_UID
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Sqlite__Path=/home/app/data/healthgraph.db
EXPOSE 8080
ENTRYPOINT ["dotnet", "healthgraph.dll"]
