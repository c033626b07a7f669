/** Checks both Spring Boot services run in their tests, written once. */
package dev.tide.servicetest;
