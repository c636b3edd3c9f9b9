"""Read and validate deck files into the immutable deck model."""
