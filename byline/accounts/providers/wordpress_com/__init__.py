"""Log in with WordPress.com (OAuth 2: https://developer.wordpress.com/docs/oauth2/)."""
