# syntax=docker/dockerfile:1
# Build: docker build -t iriguchi .
# Run:   docker run -p 8080:8080 -v iriguchi-data:/app/data \
#          -e LINE_BOT_CHANNEL_SECRET=… -e LINE_BOT_CHANNEL_TOKEN=… \
#          -e SPRING_DATASOURCE_URL=jdbc:postgresql://db:5432/iriguchi \
#          -e SPRING_DATASOURCE_USERNAME=… -e SPRING_DATASOURCE_PASSWORD=… iriguchi

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src/ src/
RUN ./mvnw -B -q -DskipTests package && cp target/iriguchi-*.jar /tmp/app.jar

FROM eclipse-temurin:25-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin iriguchi
WORKDIR /app
COPY --from=build /tmp/app.jar /app/app.jar
# Data the city edits: dialogues, FAQ, topics and feature configuration (files, not code).
COPY dialogues/ /app/dialogues/
COPY faq/ /app/faq/
COPY config/ /app/config/
COPY topics.yaml /app/topics.yaml
RUN mkdir -p /app/data && chown -R iriguchi /app/data
USER iriguchi
VOLUME /app/data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s --retries=3 \
  CMD curl -fsS http://localhost:8080/actuator/health/liveness || exit 1
# glibc would otherwise keep a malloc arena per thread that ever allocated: tens of MB of RSS.
ENV MALLOC_ARENA_MAX=2
ENTRYPOINT ["java", "@/app/config/jvm.options", "-jar", "/app/app.jar"]
