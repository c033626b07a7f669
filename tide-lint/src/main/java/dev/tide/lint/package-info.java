/**
 * {@code tide lint}: reads manifest files ({@link dev.tide.lint.ManifestReader}, with the line of every field), builds
 * the cluster they describe ({@link dev.tide.lint.FileClusterView}), runs keda-api's validator with the plugins'
 * parameter checks on each keda.sh object ({@link dev.tide.lint.Linter}) and writes the findings as lines or JSON
 * ({@link dev.tide.lint.Outputs}). {@link dev.tide.lint.TideLint} is the command.
 */
package dev.tide.lint;
