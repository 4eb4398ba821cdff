# The image of either Spring service: MODULE names the Maven module (app-service or gateway).
# Build context: the repository root. The jar comes from one of two paths, chosen by the target:
#   from-source (default): Maven builds it in the image build; needs only Docker on the host.
#   from-host: the jar built on the host by `make jars`, for machines whose containers cannot
#              reach Maven Central. Its stages come first, so that even a builder that builds every
#              stage before its target never runs Maven for it.
# Either way the jar is split into Spring Boot's layers (dependencies, loader, snapshots, the
# application), each a layer of the image: a change to the code rebuilds only the last, small one.
ARG JRE_IMAGE=eclipse-temurin:25-jre
ARG MAVEN_IMAGE=maven:3.9-eclipse-temurin-25

FROM ${JRE_IMAGE} AS runtime
WORKDIR /app
EXPOSE 8080
# Leaves a quarter of the container's memory limit to the JVM's own and the OS's needs.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
USER 65534:65534
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]

# --- from-host -------------------------------------------------------------------------------------
FROM ${JRE_IMAGE} AS host-layers
ARG MODULE
WORKDIR /layers
COPY ${MODULE}/target/${MODULE}.jar /tmp/app.jar
RUN java -Djarmode=tools -jar /tmp/app.jar extract --layers --launcher --destination /layers

FROM runtime AS from-host
COPY --from=host-layers /layers/dependencies/ ./
COPY --from=host-layers /layers/spring-boot-loader/ ./
COPY --from=host-layers /layers/snapshot-dependencies/ ./
COPY --from=host-layers /layers/application/ ./

# --- from-source -----------------------------------------------------------------------------------
FROM ${MAVEN_IMAGE} AS build
ARG MODULE
WORKDIR /src
# The poms alone first: the dependencies are a layer of their own, downloaded again only when a
# pom changes. (The reactor reads every module's pom, e2e-tests' included.)
COPY pom.xml ./
COPY app-service/pom.xml app-service/
COPY gateway/pom.xml gateway/
COPY e2e-tests/pom.xml e2e-tests/
RUN mvn -B -q -pl ${MODULE} -am dependency:go-offline -Dspring-javaformat.skip=true
COPY ${MODULE}/src ${MODULE}/src
RUN mvn -B -q -pl ${MODULE} -am package -DskipTests -Dspring-javaformat.skip=true \
    && java -Djarmode=tools -jar ${MODULE}/target/${MODULE}.jar extract --layers --launcher --destination /layers

FROM runtime AS from-source
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
