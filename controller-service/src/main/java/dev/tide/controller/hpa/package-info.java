/**
 * The HPA a ScaledObject asks for (HpaBuilder, pure) and its one writer (HpaSync).
 */
package dev.tide.controller.hpa;
