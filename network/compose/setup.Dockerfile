# Image of the one-shot `setup` job in /docker-compose.yml. It needs peer, fabric-ca-client,
# configtxgen and osnadmin. The scripts are not baked in: compose bind-mounts ./network.
#
# Where each binary comes from (checked against Fabric v3.1.5 and fabric-ca v1.5.21 sources):
# - Fabric 3.x publishes no fabric-tools image. Its release workflow pushes only baseos, ccenv,
#   peer and orderer.
# - hyperledger/fabric-peer:3.1.5 (Ubuntu 24.04) contains only `peer` (plus Fabric's own ccaas
#   builder and core.yaml at /etc/hyperledger/fabric). We use it as the base image.
# - hyperledger/fabric-ca:1.5.21 (Ubuntu 22.04) contains fabric-ca-client and fabric-ca-server in
#   /usr/local/bin. The client is dynamically linked against glibc 2.35, so it runs on the peer
#   image's newer glibc (2.39).
# - hyperledger/fabric-orderer:3.1.5 contains only `orderer`, so it cannot supply configtxgen or
#   osnadmin. No pinned Fabric image ships those two, so they are compiled from the pinned Fabric
#   commit (the commit the 3.1.5 images were built from) in a Go stage. This stage is the one
#   thing this image fetches beyond the pinned Fabric images: the Go image and Fabric's Go module
#   sources, which go.sum and the checksum database verify.
#
# Keep the ARG defaults equal to network/network.config (network/test/compose-repository.test.ts checks).

ARG FABRIC_VERSION=3.1.5
ARG FABRIC_CA_VERSION=1.5.21
ARG FABRIC_COMMIT=86c1172bec37e6590c6b1ae6f847833df48d65fc
# The go directive of Fabric v3.1.5's go.mod. The Go image sets GOTOOLCHAIN=local, so it must
# be at least that version.
ARG GO_IMAGE=golang:1.26.4

FROM hyperledger/fabric-ca:${FABRIC_CA_VERSION} AS fabric-ca

FROM ${GO_IMAGE} AS fabric-tools
ARG FABRIC_VERSION
ARG FABRIC_COMMIT
# The module path has no /v3 suffix, so the v3 tags are not valid module versions; the commit
# resolves to a pseudo-version. CGO off: static binaries, independent of the runtime image's libc.
# The -X flags set what `configtxgen --version` reports, as Fabric's Makefile does.
RUN CGO_ENABLED=0 GOBIN=/out go install -trimpath \
      -ldflags "-X github.com/hyperledger/fabric/common/metadata.Version=${FABRIC_VERSION} -X github.com/hyperledger/fabric/common/metadata.CommitSHA=${FABRIC_COMMIT}" \
      "github.com/hyperledger/fabric/cmd/configtxgen@${FABRIC_COMMIT}" \
      "github.com/hyperledger/fabric/cmd/osnadmin@${FABRIC_COMMIT}"

FROM hyperledger/fabric-peer:${FABRIC_VERSION}
COPY --from=fabric-ca /usr/local/bin/fabric-ca-client /usr/local/bin/fabric-ca-client
COPY --from=fabric-tools /out/configtxgen /out/osnadmin /usr/local/bin/
# The peer CLI finds core.yaml through FABRIC_CFG_PATH=/etc/hyperledger/fabric (set by the base
# image). The base image's CMD would start a peer; this image runs the setup script instead.
CMD ["bash", "/medledger/network/setup/setup.sh"]
