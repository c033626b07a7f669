/**
 * Sharding over controller replicas: each replica holds a member Lease, ScaledObjects and ScaledJobs map to the live
 * members by rendezvous hashing, and a replica drives its objects only while its own Lease is valid.
 */
package dev.tide.controller.sharding;
