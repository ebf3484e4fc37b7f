package dev.herald.protocol;

/** Params of {@code notifications/resources/updated}. */
public record ResourceUpdatedParams(String uri) {}
