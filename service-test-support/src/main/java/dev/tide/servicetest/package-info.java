/** What both Spring Boot services' tests use (checks, a clock moved by hand), written once. */
package dev.tide.servicetest;
