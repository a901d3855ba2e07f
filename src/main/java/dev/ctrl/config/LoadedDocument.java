package dev.ctrl.config;

import dev.ctrl.model.Declared;
import java.util.List;

/**
 * One bound document.
 *
 * @param spec the model record
 * @param at where the document starts
 * @param specJson the document as canonical JSON (what the state stores and compares)
 */
public record LoadedDocument(
    Declared spec, Location at, String specJson, List<ExprSite> expressions, List<RefSite> references) {}
