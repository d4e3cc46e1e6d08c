# Production-like image of the portal. Build: docker compose build (see README.md).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/EServices.Web/EServices.Web.csproj src/EServices.Web/packages.lock.json src/EServices.Web/
RUN dotnet restore src/EServices.Web/EServices.Web.csproj --locked-mode
COPY src/ src/
RUN dotnet publish src/EServices.Web/EServices.Web.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
RUN mkdir -p /data/files && chown app:app /data/files
USER app
ENV ASPNETCORE_URLS=http://+:8080 \
    Storage__Path=/data/files
VOLUME /data/files
EXPOSE 8080
ENTRYPOINT ["dotnet", "EServices.Web.dll"]
