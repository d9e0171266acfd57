"""Sign-in providers allauth lacks, each in its own package shaped like allauth's own."""
