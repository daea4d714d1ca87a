//! Scoring petrel against gold event files (`petrel eval`).
