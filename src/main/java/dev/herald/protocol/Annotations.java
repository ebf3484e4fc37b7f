package dev.herald.protocol;

import java.util.List;

/** Hints on content and resources: who it is for, how important, when it changed ({@code lastModified} since 2025-06-18). */
public record Annotations(List<String> audience, Double priority, String lastModified) {}
