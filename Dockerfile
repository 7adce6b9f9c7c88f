# The server image: built with the SDK, run on the ASP.NET Core runtime as a non-root user, writing nothing to its own
# filesystem (run it with a read-only root). Not built in this repo's CI, which has no container engine:
# tests/deploy/check.sh runs this file's exact entry command, environment and user against `dotnet publish` output on
# a read-only root instead.
#
#   docker build -t imrgrpc-server .
#   docker run --read-only -p 8080:8080 -p 9464:9464 -v "$PWD/imr.published:/bundles:ro" imrgrpc-server
#
# Bundles come from a volume at /bundles (a ConfigMap, a PVC, a host directory) or, with Bundles__Source=http(s)://...,
# from a web server; an editors' store is never needed by a replica (Storage__Path=/data/imrgrpc.db with Bundles__Source=""
# and a writable volume at /data runs the single-node mode that seeds its own store).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files alone, so a source change does not re-download packages.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/ImrGrpc.Engine/ImrGrpc.Engine.csproj src/ImrGrpc.Engine/
COPY src/ImrGrpc.Storage/ImrGrpc.Storage.csproj src/ImrGrpc.Storage/
COPY src/ImrGrpc.Contract/ImrGrpc.Contract.csproj src/ImrGrpc.Contract/
COPY src/ImrGrpc.Server/ImrGrpc.Server.csproj src/ImrGrpc.Server/
RUN dotnet restore src/ImrGrpc.Server/ImrGrpc.Server.csproj
COPY protos/ protos/
COPY src/ src/
RUN dotnet publish src/ImrGrpc.Server/ImrGrpc.Server.csproj -c Release --no-restore -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# No diagnostics IPC socket in /tmp (the only thing the runtime would write); listen beyond loopback in plaintext, as a
# pod behind a balancer or mesh does (Kubernetes' grpc probes cannot speak TLS), which the server refuses unless told:
# add API keys (Security__ApiKeysFile) or terminate TLS in front; metrics on their own port; bundles from the volume.
ENV DOTNET_EnableDiagnostics=0 \
    ASPNETCORE_HTTP_PORTS= \
    Security__AllowInsecure=true \
    Bundles__Source=/bundles \
    Metrics__Urls=http://+:9464 \
    Logging__Console__FormatterName=json
USER $APP_UID
EXPOSE 8080 9464
VOLUME ["/bundles"]
ENTRYPOINT ["dotnet", "/app/ImrGrpc.Server.dll"]
CMD ["--urls", "http://+:8080"]
