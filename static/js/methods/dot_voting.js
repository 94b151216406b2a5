// dot_voting
