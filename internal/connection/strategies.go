package connection

import "github.com/hashicorp/terraform-plugin-framework/types"

var stringType = types.StringType

// Strategies are the identity providers the Management API accepts for a
// connection (ConnectionIdentityProviderEnum of the API's OpenAPI document).
var Strategies = []string{
	"ad", "adfs", "amazon", "apple", "dropbox", "bitbucket", "aol", "auth0-oidc", "auth0",
	"baidu", "bitly", "box", "custom", "daccount", "dwolla", "email", "evernote-sandbox",
	"evernote", "exact", "facebook", "fitbit", "flickr", "github", "google-apps",
	"google-oauth2", "instagram", "ip", "line", "linkedin", "miicard", "oauth1", "oauth2",
	"office365", "oidc", "okta", "paypal", "paypal-sandbox", "pingfederate",
	"planningcenter", "renren", "salesforce-community", "salesforce-sandbox", "salesforce",
	"samlp", "sharepoint", "shopify", "shop", "sms", "soundcloud", "thecity-sandbox",
	"thecity", "thirtysevensignals", "twitter", "untappd", "vkontakte", "waad", "weibo",
	"windowslive", "wordpress", "yahoo", "yammer", "yandex",
}
