package aws

import (
	"regexp"
	"strings"
)

// serviceNames gives the marketing name of the services whose keys appear
// most in the feed; a key not listed keeps the key as its name.
var serviceNames = map[string]string{
	"multipleservices":   "Multiple services",
	"apigateway":         "Amazon API Gateway",
	"appsync":            "AWS AppSync",
	"athena":             "Amazon Athena",
	"autoscaling":        "Amazon EC2 Auto Scaling",
	"bedrock":            "Amazon Bedrock",
	"cloudformation":     "AWS CloudFormation",
	"cloudfront":         "Amazon CloudFront",
	"cloudtrail":         "AWS CloudTrail",
	"cloudwatch":         "Amazon CloudWatch",
	"codebuild":          "AWS CodeBuild",
	"cognito":            "Amazon Cognito",
	"connect":            "Amazon Connect",
	"directconnect":      "AWS Direct Connect",
	"dynamodb":           "Amazon DynamoDB",
	"ebs":                "Amazon Elastic Block Store",
	"ec2":                "Amazon EC2",
	"ecr":                "Amazon Elastic Container Registry",
	"ecs":                "Amazon Elastic Container Service",
	"efs":                "Amazon Elastic File System",
	"eks":                "Amazon Elastic Kubernetes Service",
	"elasticache":        "Amazon ElastiCache",
	"elasticbeanstalk":   "AWS Elastic Beanstalk",
	"elb":                "Elastic Load Balancing",
	"emr":                "Amazon EMR",
	"eventbridge":        "Amazon EventBridge",
	"fargate":            "AWS Fargate",
	"glue":               "AWS Glue",
	"iam":                "AWS Identity and Access Management",
	"kinesis":            "Amazon Kinesis Data Streams",
	"kms":                "AWS Key Management Service",
	"lambda":             "AWS Lambda",
	"management-console": "AWS Management Console",
	"natgateway":         "Amazon VPC NAT Gateway",
	"opensearch":         "Amazon OpenSearch Service",
	"rds":                "Amazon RDS",
	"redshift":           "Amazon Redshift",
	"route53":            "Amazon Route 53",
	"s3":                 "Amazon S3",
	"sagemaker":          "Amazon SageMaker",
	"secretsmanager":     "AWS Secrets Manager",
	"ses":                "Amazon SES",
	"sns":                "Amazon SNS",
	"sqs":                "Amazon SQS",
	"stepfunctions":      "AWS Step Functions",
	"sts":                "AWS Security Token Service",
	"vpc":                "Amazon VPC",
	"workspaces":         "Amazon WorkSpaces",
}

// region matches a region code at the end of a key: us-east-1, eu-central-2,
// us-gov-west-1, us-isob-east-1, ap-southeast-5, ...
var region = regexp.MustCompile(`^(.+?)-([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2})$`)

// componentName is "Amazon EC2 (us-east-1)" for a known service, the bare
// service name for a known global one, and the key otherwise.
func componentName(key string) string {
	service, reg := key, ""
	if m := region.FindStringSubmatch(key); m != nil {
		service, reg = m[1], m[2]
	}
	name, ok := serviceNames[strings.ToLower(service)]
	if !ok {
		return key
	}
	if reg == "" {
		return name
	}
	return name + " (" + reg + ")"
}
